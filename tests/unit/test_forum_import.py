"""Importing a unit's Open edX inline discussion (forum v2, the ``openedx-forum`` package on the test database)
through the forum's own Python API, as the LMS holds it."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from community_xblock.models import Post, Thread

forum_api = pytest.importorskip("forum.api")
COURSE = "course-v1:DemoX+BIO101+2026_T1"
DISCUSSION = "4b2c8e1f0a9d"


@pytest.fixture
def discussion(db):
    """Two threads of the discussion (a question with an endorsed answer and a comment, a discussion) and one
    thread of another discussion of the course, written through the forum's API."""
    people = {name: get_user_model().objects.create(username=name) for name in ("amelie", "tom", "zsofia")}
    for user in people.values():
        forum_api.create_user(str(user.id), user.username, course_id=COURSE)

    def user(name):
        return str(people[name].id)

    question = forum_api.create_thread("Why green?", "I don't understand why leaves are green if they absorb light?",
                                       COURSE, user("amelie"), commentable_id=DISCUSSION, thread_type="question")
    answer = forum_api.create_parent_comment(question["id"], "Chlorophyll reflects green light.", user("tom"), COURSE,
                                             False, False)
    forum_api.update_comment(answer["id"], endorsed=True, endorsement_user_id=user("amelie"), course_id=COURSE)
    forum_api.create_child_comment(answer["id"], "Thanks, that helps!", user("amelie"), COURSE, False, False)
    talk = forum_api.create_thread("Broken link", "The reading link sends me to a login page.", COURSE, user("zsofia"),
                                   commentable_id=DISCUSSION, thread_type="discussion", anonymous_to_peers=True)
    forum_api.create_parent_comment(talk["id"], "+1 same here", user("tom"), COURSE, False, False)
    forum_api.create_thread("Elsewhere", "Another unit's talk", COURSE, user("tom"), commentable_id="other-unit")
    return people


def import_discussion():
    out = io.StringIO()
    call_command("import_community_posts", "--community", "DemoX+BIO101/a1b2", "--forum-discussion", DISCUSSION,
                 "--forum-course", COURSE, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_the_discussion_becomes_the_communitys_history(discussion):
    assert import_discussion() == "5 imported, 0 already there, 0 refused."
    threads = {thread.title: thread for thread in Thread.objects.all()}
    assert set(threads) == {"Why green?", "Broken link"}  # only this discussion's threads
    question = threads["Why green?"]
    assert question.kind == "question" and question.response_count == 1 and question.comment_count == 1
    answer = Post.objects.get(thread=question, parent=None, is_opening=False)
    assert question.accepted_post_id == answer.pk  # the forum's endorsement
    assert answer.author_key == str(discussion["tom"].id) and answer.author_name == "tom"  # the learner's own post
    assert Post.objects.get(thread=question, is_opening=True).sig_confusion
    link = Post.objects.filter(thread=threads["Broken link"]).order_by("created_at")
    assert link[0].anonymous and link[0].sig_error and link[1].sig_error  # "+1 same here" inherits the report
    assert all(post.source_id.startswith(("forum-thread-", "forum-comment-")) for post in Post.objects.all())


def test_importing_the_discussion_again_adds_nothing(discussion):
    import_discussion()
    assert import_discussion() == "0 imported, 5 already there, 0 refused."
    assert Post.objects.count() == 5
