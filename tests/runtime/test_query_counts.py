"""A request's number of queries does not grow with the size of the community (workbench and LMS-shaped runtime)."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community_xblock.conversations import engagement, threads
from community_xblock.core.lookups import space_for
from community_xblock.moderation import actions as moderation
from community_xblock.moderation import queue
from community_xblock.platform.identity import Viewer
from tests.people import STAFF


def grow(unit, count, replies_each=2):
    block = unit.block_for("staff")
    space = space_for(block.community_key)
    from community_xblock.platform.components import unit_components

    anchors = unit_components(block, STAFF)
    for number in range(count):
        author = Viewer(f"learner{number}", f"learner{number}")
        thread = threads.start_thread(
            space, author, kind="question", title=f"Thread {number}", body="Body text",
            anchor=anchors[number % len(anchors)], anonymous=number % 3 == 0,
        )
        for reply_number in range(replies_each):
            replier = Viewer(f"replier{reply_number}", f"replier{reply_number}")
            post = threads.reply(space, replier, thread_id=thread.pk, body="A reply")
            engagement.react(space, author, post_id=post.pk, kind="helpful")
        moderation.set_thread_state(space, STAFF, thread_id=thread.pk, switch="pinned", value=True,
                                    reason=f"Decision {number}")
        queue.raise_flag(space, Viewer(f"flagger{number}", f"flagger{number}"), post_id=post.pk, reason="spam")
    return space


MEASURED_POST = {"kind": "discussion", "title": "Measured", "body": "x"}


def queries(action):
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


FRUSTRATED_POST = {"kind": "discussion", "title": "Again", "body": "This is so frustrating, I am fed up with it."}


def measure(unit):
    from community_xblock.models import Alert, ModerationAction, Post, Thread

    thread_id = Thread.objects.filter(title__startswith="Thread ").order_by("-pk").values_list("pk", flat=True).first()
    # The same post just before: the aggregate rows it counts in (this hour's, its words') exist, as they do for
    # nearly every post; creating one is a few statements more, whatever the size of the community.
    unit.ok("create_thread", MEASURED_POST, student="amelie")
    # Likewise a decision just before: the flagger's and the course's records exist, as they soon do.
    warm_up = Thread.objects.order_by("-pk").values_list("opening_post_id", flat=True)[2]
    unit.ok("flag", {"post_id": warm_up}, student="zsofia")
    unit.ok("decide_flags", {"post_id": warm_up, "decision": "disagreed"}, student="staff")
    # Flags on three replies of the measured thread by three people: its component has a current bad-buzz alert at
    # both sizes, which the measured flag joins (raising one costs a few statements more, once).
    unit.ok("reply", {"thread_id": thread_id, "body": "A third reply"}, student="replier9")
    for number, post_id in enumerate(Post.objects.filter(thread_id=thread_id, is_opening=False).order_by("-pk")
                                     .values_list("pk", flat=True)[:3]):
        unit.ok("flag", {"post_id": post_id}, student=f"buzzer{number}")
    assert Alert.objects.filter(kind="bad_buzz").exists()
    for student in ("amelie", "zsofia", "buzzer0"):  # and the unit's own threads likewise
        unit.ok("create_thread", FRUSTRATED_POST, student=student)
    assert Alert.objects.filter(kind="bad_buzz", anchor=None).exists()
    # A theme taken up in six other threads: there is a trend-setter at both sizes, as there are experts (the
    # repliers), so the talent panel reads the posts behind each role at both.
    for number in range(6):
        unit.ok("create_thread", {"kind": "discussion", "title": f"Pivot {number}",
                                  "body": "Pivot tables saved my homework."}, student=f"adopter{number}")
    endorsed = Thread.objects.filter(title="Pivot 0").values_list("opening_post_id", flat=True).first()
    return {
        "page (learner)": queries(lambda: unit.page(student="amelie")),
        "page (staff)": queries(lambda: unit.page(student="staff")),
        "list": queries(lambda: unit.ok("list_threads", {"sort": "top"}, student="amelie")),
        "list by component": queries(lambda: unit.ok(
            "list_threads", {"component": unit.component_keys()[0]}, student="amelie")),
        "thread": queries(lambda: unit.ok("get_thread", {"thread_id": thread_id}, student="amelie")),
        "post": queries(lambda: unit.ok("create_thread", MEASURED_POST, student="amelie")),
        "post (frustrated)": queries(lambda: unit.ok("create_thread", FRUSTRATED_POST, student="amelie")),
        "alerts": queries(lambda: unit.ok("alerts", {}, student="staff")),
        "react": queries(lambda: unit.ok(
            "react", {"post_id": Thread.objects.get(pk=thread_id).opening_post_id, "kind": "insightful"},
            student="zsofia")),
        "moderation log": queries(lambda: unit.ok("moderation_log", {}, student="staff")),
        "review queue": queries(lambda: unit.ok("review_queue", {}, student="staff")),
        "flag": queries(lambda: unit.ok("flag", {"post_id": Thread.objects.get(pk=thread_id).opening_post_id},
                                        student="zsofia")),
        "decide": queries(lambda: unit.ok("decide_flags", {"post_id": Thread.objects.get(pk=thread_id).opening_post_id,
                                                           "decision": "disagreed"}, student="staff")),
        "talent": queries(lambda: unit.ok("talent", {}, student="staff")),
        "endorse": queries(lambda: unit.ok("endorse", {"post_id": endorsed}, student="zsofia")),
        "undo": queries(lambda: unit.ok("undo_moderation", {"action_id": ModerationAction.objects.filter(
            kind="pin", reversed_by=None).order_by("-pk").values_list("pk", flat=True).first()}, student="staff")),
    }


def test_queries_per_request_do_not_grow_with_the_community(unit):
    grow(unit, count=3)
    for student in ("amelie", "staff", "zsofia"):
        # First visits write a row and load the unit's components for that viewer: measure steady-state requests.
        unit.page(student=student)
    small = measure(unit)
    grow(unit, count=45, replies_each=6)
    large = measure(unit)
    assert small == large, {name: (small[name], large[name]) for name in small if small[name] != large[name]}
