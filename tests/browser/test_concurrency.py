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


def test_concurrent_decisions_are_all_logged_and_a_decision_is_undone_once(live, demo_usage_id):
    """Eight staff sessions clear flags and hide posts at once: every decision is logged; then sixteen undo
    the same decision at once: one succeeds, the others are told it was undone already, counts stay exact."""
    author = live.session("logwriter")
    _status, created = live.call(author, demo_usage_id, "create_thread",
                                 {"kind": "discussion", "title": "Log race", "body": "Go"})
    thread_id = created["thread"]["id"]
    repliers = [live.session(f"logreplier{number}") for number in range(8)]
    replies = run_all([(lambda session=session: live.call(session, demo_usage_id, "reply",
                                                          {"thread_id": thread_id, "body": "Me"}))
                       for session in repliers])
    post_ids = [data["post"]["id"] for _status, data in replies]
    run_all([(lambda post_id=post_id: live.call(author, demo_usage_id, "flag", {"post_id": post_id}))
             for post_id in post_ids])
    staff = [live.session("staff") for _ in range(8)]
    decisions = run_all([
        (lambda session=session, post_id=post_id: live.call(session, demo_usage_id, "clear_flags",
                                                            {"post_id": post_id}))
        for session, post_id in zip(staff, post_ids, strict=True)])
    assert {status for status, _data in decisions} == {200}
    assert live.count(f"SELECT COUNT(*) FROM community_xblock_moderationaction WHERE thread_id = {thread_id} "
                      "AND kind = 'clear_flags'") == 8
    assert live.count(f"SELECT flag_count FROM community_xblock_thread WHERE id = {thread_id}") == 0
    action_id = live.count(f"SELECT MIN(id) FROM community_xblock_moderationaction WHERE thread_id = {thread_id}")
    undos = run_all([(lambda session=session: live.call(session, demo_usage_id, "undo_moderation",
                                                        {"action_id": action_id}))
                     for session in staff + staff])
    assert sorted(status for status, _data in undos) == [200] + [409] * 15, undos
    assert live.count(f"SELECT COUNT(*) FROM community_xblock_moderationaction WHERE reverses_id = {action_id}") == 1
    assert live.count(f"SELECT flag_count FROM community_xblock_thread WHERE id = {thread_id}") == 1


def test_concurrent_flags_and_decisions_keep_scores_and_records_exact(live, demo_usage_id):
    """Twenty learners flag one post at once: its score is exactly 20, it is held once; then eight staff decide
    on it at once: one decision wins, the others are told there is nothing left, each flagger is credited once."""
    author = live.session("queueauthor")
    _status, created = live.call(author, demo_usage_id, "create_thread",
                                 {"kind": "discussion", "title": "Queue race", "body": "Cheap essays here"})
    thread_id = created["thread"]["id"]
    post_id = live.count(f"SELECT opening_post_id FROM community_xblock_thread WHERE id = {thread_id}")
    flaggers = [live.session(f"queueflagger{number}") for number in range(20)]
    flagged = run_all([(lambda session=session: live.call(session, demo_usage_id, "flag",
                                                          {"post_id": post_id, "reason": "spam"}))
                       for session in flaggers])
    # A learner whose flag arrives after the hold no longer sees the post: 404, and nothing is written.
    statuses = [status for status, _data in flagged]
    assert set(statuses) <= {200, 404} and statuses.count(200) >= 3, statuses
    counted = statuses.count(200)
    assert live.count(f"SELECT flag_count FROM community_xblock_post WHERE id = {post_id}") == counted
    assert live.count(f"SELECT COUNT(*) FROM community_xblock_flag WHERE post_id = {post_id}") == counted
    assert live.count(f"SELECT flag_score FROM community_xblock_post WHERE id = {post_id}") == counted
    assert live.count(f"SELECT COUNT(*) FROM community_xblock_moderationaction WHERE post_id = {post_id} "
                      "AND kind = 'hold_post'") == 1
    staff = [live.session("staff") for _ in range(8)]
    decisions = run_all([(lambda session=session: live.call(session, demo_usage_id, "decide_flags",
                                                            {"post_id": post_id, "decision": "agreed"}))
                         for session in staff])
    assert sorted(status for status, _data in decisions) == [200] + [409] * 7, decisions
    assert live.count("SELECT COUNT(*) FROM community_xblock_flaggerrecord WHERE user_key LIKE 'queueflagger%%' "
                      "AND agreed = 1") == counted
    assert live.count("SELECT SUM(agreed) FROM community_xblock_flaggerrecord WHERE user_key LIKE "
                      "'queueflagger%%'") == counted
    assert live.count(f"SELECT flag_count FROM community_xblock_post WHERE id = {post_id}") == 0


def test_a_learners_parallel_posts_in_slow_mode_let_one_through(live, demo_usage_id):
    """Whole-space slow mode, one post an hour: eight parallel posts from one learner, exactly one lands."""
    staff = live.session("staff")
    status, _data = live.call(staff, demo_usage_id, "set_slow_mode", {"minutes": "60", "hours": "1"})
    assert status == 200
    try:
        hasty = live.session("hastylearner")
        results = run_all([(lambda number=number: live.call(hasty, demo_usage_id, "create_thread", {
            "kind": "discussion", "title": f"Hasty thread {number}", "body": "Me first"})) for number in range(8)])
        assert sorted(status for status, _data in results) == [200] + [429] * 7, results
        assert live.count("SELECT COUNT(*) FROM community_xblock_thread WHERE title LIKE 'Hasty thread %%'") == 1
    finally:
        live.call(staff, demo_usage_id, "end_slow_mode", {})


def test_a_burst_of_concurrent_angry_posts_raises_one_alert_holding_every_post(live, demo_usage_id):
    import re

    watcher = live.session("buzzwatcher")
    page = watcher.get(f"{live.url}/scenario/community.0/?student=buzzwatcher", timeout=30).text
    component = re.findall(r'<option value="([^"]+)"', page.split('name="component"')[1].split("</select>")[0])[-1]
    angry = [live.session(f"angry{number}") for number in range(24)]
    results = run_all([
        (lambda session=session, number=number: live.call(session, demo_usage_id, "create_thread", {
            "kind": "discussion", "title": f"Angry {number}", "component": component,
            "body": "This is so frustrating, I am fed up with it."}))
        for number, session in enumerate(angry)
    ])
    assert {status for status, _data in results} == {200}, results
    alerts = ("SELECT a.id FROM community_xblock_alert a JOIN community_xblock_anchor n ON n.id = a.anchor_id "
              f"WHERE a.kind = 'bad_buzz' AND n.usage_key = '{component}'")
    assert live.count(f"SELECT COUNT(*) FROM ({alerts}) found") == 1
    alert_id = live.count(alerts)
    joined = live.count("SELECT COUNT(*) FROM community_xblock_alertpost l JOIN community_xblock_post p ON "
                        "p.id = l.post_id JOIN community_xblock_thread t ON t.id = p.thread_id "
                        f"WHERE l.alert_id = {alert_id} AND t.title LIKE 'Angry %%'")
    assert joined == 24  # every post of the burst is behind the one alert, none lost to a race
    assert live.count(f"SELECT post_count FROM community_xblock_alert WHERE id = {alert_id}") == live.count(
        f"SELECT COUNT(*) FROM community_xblock_alertpost WHERE alert_id = {alert_id}")


def test_concurrent_endorsements_of_one_learner_are_each_counted_once(live, demo_usage_id):
    """Thirty peers say at once, twice each, that one learner knows the topic: thirty endorsements."""
    author = live.session("knower")
    _status, created = live.call(author, demo_usage_id, "create_thread",
                                 {"kind": "discussion", "title": "My notes on the video", "body": "Notes."})
    _status, detail = live.call(author, demo_usage_id, "get_thread", {"thread_id": created["thread"]["id"]})
    post_id = detail["thread"]["opening"]["id"]
    peers = [live.session(f"endorser{number}") for number in range(30)]

    def endorse(session):
        return lambda: live.call(session, demo_usage_id, "endorse", {"post_id": post_id})

    results = run_all([endorse(session) for session in peers + peers])
    assert {status for status, _data in results} == {200}, results
    assert live.count("SELECT COUNT(*) FROM community_xblock_endorsement WHERE endorser_key LIKE 'endorser%%'") == 30


def test_concurrent_answers_to_an_event_at_capacity_fill_it_exactly(live, demo_usage_id):
    """Twenty learners answer "going" at once to an event of five places: five get one, fifteen hear it is full."""
    from datetime import timedelta

    from django.utils import timezone

    staff = live.session("staff")
    start = (timezone.now() + timedelta(days=1)).replace(tzinfo=None, second=0, microsecond=0)
    status, _data = live.call(staff, demo_usage_id, "plan_event", {
        "kind": "challenge", "title": "Five places only", "starts": start.isoformat(timespec="minutes"),
        "ends": (start + timedelta(hours=1)).isoformat(timespec="minutes"), "time_zone": "UTC", "capacity": 5})
    assert status == 200
    event_id = live.count("SELECT id FROM community_xblock_event WHERE title = 'Five places only'")
    learners = [live.session(f"rsvp{number}") for number in range(20)]
    results = run_all([(lambda session=session: live.call(session, demo_usage_id, "rsvp",
                                                         {"event_id": event_id, "answer": "going"}))
                       for session in learners])
    assert sorted(status for status, _data in results) == [200] * 5 + [409] * 15, results
    assert live.count(f"SELECT going FROM community_xblock_event WHERE id = {event_id}") == 5
    assert live.count(f"SELECT COUNT(*) FROM community_xblock_rsvp WHERE event_id = {event_id}") == 5
