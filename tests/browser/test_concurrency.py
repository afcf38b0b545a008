"""Many people at once, over HTTP, against a real threaded server: nothing is lost, counters are exact."""
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.live

WORKERS = 16


def run_all(jobs):
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda job: job(), jobs))


def test_50_concurrent_posts_then_100_concurrent_reactions(live, demo_usage_id):
    authors = [live.session(f"poster{number}") for number in range(50)]

    def post(session, number):
        return lambda: live.call(session, demo_usage_id, "create_thread", {
            "kind": "discussion", "title": f"Concurrent thread {number}", "body": f"Body {number} — ő ű 🌱",
        })

    results = run_all([post(session, number) for number, session in enumerate(authors)])
    assert [status for status, _data in results] == [200] * 50, results
    assert live.count("SELECT COUNT(*) FROM community_xblock_thread WHERE title LIKE 'Concurrent thread %%'") == 50
    assert live.count("SELECT COUNT(*) FROM community_xblock_post WHERE body LIKE 'Body %%'") == 50

    target = results[0][1]["thread"]["id"]
    status, detail = live.call(authors[1], demo_usage_id, "get_thread", {"thread_id": target})
    post_id = detail["thread"]["opening"]["id"]
    reactors = [live.session(f"reactor{number}") for number in range(100)]

    def react(session):
        return lambda: live.call(session, demo_usage_id, "react", {"post_id": post_id, "kind": "helpful"})

    reactions = run_all([react(session) for session in reactors])
    assert [status for status, _data in reactions] == [200] * 100
    assert live.count(f"SELECT helpful_count FROM community_xblock_post WHERE id = {post_id}") == 100
    assert live.count(f"SELECT COUNT(*) FROM community_xblock_reaction WHERE post_id = {post_id}") == 100
    assert live.count(f"SELECT score FROM community_xblock_thread WHERE id = {target}") == 100

    # The same 100 people clicking again (a double click) change nothing.
    again = run_all([react(session) for session in reactors])
    assert {status for status, _data in again} == {200}
    assert live.count(f"SELECT helpful_count FROM community_xblock_post WHERE id = {post_id}") == 100


def test_concurrent_replies_keep_the_reply_count_exact(live, demo_usage_id):
    starter = live.session("starter")
    _status, created = live.call(starter, demo_usage_id, "create_thread",
                                 {"kind": "question", "title": "Replies race", "body": "Go"})
    thread_id = created["thread"]["id"]
    repliers = [live.session(f"replier{number}") for number in range(40)]
    results = run_all([
        (lambda session=session: live.call(session, demo_usage_id, "reply", {"thread_id": thread_id, "body": "Me!"}))
        for session in repliers
    ])
    assert {status for status, _data in results} == {200}
    assert live.count(f"SELECT response_count FROM community_xblock_thread WHERE id = {thread_id}") == 40


def test_concurrent_writers_keep_the_aggregates_exact(live, demo_usage_id):
    """Posts, replies, reactions and flags from many people at once, then the aggregates kept on write are
    compared with the ones rebuilt from the posts."""
    people = [live.session(f"mixer{number}") for number in range(24)]
    _status, created = live.call(people[0], demo_usage_id, "create_thread",
                                 {"kind": "question", "title": "Aggregates race", "body": "I don't understand"})
    thread_id = created["thread"]["id"]
    _status, detail = live.call(people[1], demo_usage_id, "get_thread", {"thread_id": thread_id})
    post_id = detail["thread"]["opening"]["id"]

    def job(number, session):
        if number % 4 == 0:
            return lambda: live.call(session, demo_usage_id, "create_thread", {
                "kind": "issue", "title": f"Race issue {number}", "body": "The answer key is wrong"})
        if number % 4 == 1:
            return lambda: live.call(session, demo_usage_id, "reply", {"thread_id": thread_id, "body": "Same here"})
        if number % 4 == 2:
            return lambda: live.call(session, demo_usage_id, "react", {"post_id": post_id, "kind": "confused"})
        return lambda: live.call(session, demo_usage_id, "reply", {"thread_id": thread_id, "body": "Thanks!"})

    results = run_all([job(number, session) for number, session in enumerate(people[1:], start=1)] * 2)
    assert {status for status, _data in results} == {200}, results
    verified = live.manage("rebuild_community_aggregates", "--verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "agree" in verified.stdout
