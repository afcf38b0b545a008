"""An Open edX inline discussion (forum v2, the ``forum`` app of the LMS) read as records to import.

Read through the forum's own Python API (``forum.api``): ``get_user_threads(course_id, commentable_ids=[...])``
pages through the discussion's threads; ``get_thread(id, params={"recursive": True, "with_responses": True, ...})``
gives each thread with its responses (``children``, or for questions ``endorsed_responses`` and
``non_endorsed_responses``) and their comments. Authors keep their platform user id, so imported posts are the
learner's own (export, retirement, grade); an endorsed response becomes the question's accepted answer.
"""
from community_xblock.imports.records import record_from_dict

PAGE = 100
RESPONSES = 500
THREAD_KINDS = {"question": "question", "discussion": "discussion"}


def records(course_id, discussion_id):
    """Every post of the discussion, as Records (threads first, each followed by its replies)."""
    from forum import api

    page, pages = 1, 1
    while page <= pages:
        listing = api.get_user_threads(course_id=course_id, commentable_ids=[discussion_id], per_page=str(PAGE),
                                       page=str(page))
        pages = int(listing.get("num_pages") or 1)
        for summary in listing.get("collection", []):
            yield from _thread_records(api, course_id, summary["id"])
        page += 1


def _thread_records(api, course_id, thread_id):
    thread = _full_thread(api, course_id, thread_id)
    source = f"forum-thread-{thread['id']}"
    yield record_from_dict({
        **_author_and_time(thread), "id": source, "reply_to": None, "title": thread.get("title") or "",
        "kind": THREAD_KINDS.get(thread.get("thread_type"), "discussion"), "text": thread.get("body") or "",
    })
    responses = (thread.get("children") or []) + (thread.get("endorsed_responses") or []) \
        + (thread.get("non_endorsed_responses") or [])
    for response in responses:
        response_source = f"forum-comment-{response['id']}"
        yield record_from_dict({**_author_and_time(response), "id": response_source, "reply_to": source,
                                "text": response.get("body") or "", "endorsed": bool(response.get("endorsed"))})
        for comment in response.get("children") or []:
            yield record_from_dict({**_author_and_time(comment), "id": f"forum-comment-{comment['id']}",
                                    "reply_to": response_source, "text": comment.get("body") or ""})


def _full_thread(api, course_id, thread_id):
    """The thread with every response: the forum pages responses too (``resp_skip``/``resp_limit``)."""
    params = {"recursive": True, "with_responses": True, "resp_skip": 0, "resp_limit": RESPONSES,
              "merge_question_type_responses": False}
    thread = api.get_thread(thread_id, params=params, course_id=course_id)
    total = int(thread.get("resp_total") or 0)
    while params["resp_skip"] + RESPONSES < total:
        params = {**params, "resp_skip": params["resp_skip"] + RESPONSES}
        more = api.get_thread(thread_id, params=params, course_id=course_id)
        for key in ("children", "endorsed_responses", "non_endorsed_responses"):
            if more.get(key):
                thread[key] = (thread.get(key) or []) + more[key]
    return thread


def _author_and_time(post):
    return {"author": post.get("username") or post.get("author") or f"user-{post.get('user_id')}",
            "author_id": str(post.get("user_id") or ""), "created": post.get("created_at"),
            "anonymous": bool(post.get("anonymous") or post.get("anonymous_to_peers"))}
