"""The course's community guidelines, in the SDK workbench and the LMS-shaped runtime: staff write them once for
every unit; a learner accepts them once, before a first post in any unit of the course; who may do what."""
from community_xblock.models import CharterAcceptance, CourseCharter, Thread

POST = {"kind": "discussion", "title": "My first post", "body": "Hello everyone."}


def test_a_learner_accepts_the_guidelines_once_before_a_first_post_in_any_unit(unit):
    unit.ok("create_thread", {**POST, "title": "Before the charter"}, student="zsofia")  # posted before it existed
    saved = unit.ok("save_charter", {"charter": "Be **kind**. Cite your sources."}, student="staff")
    assert "<strong>kind</strong>" in saved["html"]
    page = unit.page("amelie")
    assert "I accept the guidelines" in page and "<strong>kind</strong>" in page
    status, data = unit.call("create_thread", POST, student="amelie")
    assert status == 409 and data["field"] == "charter"
    assert not Thread.objects.filter(title="My first post").exists()
    assert unit.ok("accept_charter", {}, student="amelie") == {"accepted": True}
    unit.ok("create_thread", POST, student="amelie")
    # In another unit of the course: accepted already.
    unit.ok("create_thread", {**POST, "title": "Elsewhere"}, student="amelie", usage_id=unit.other_usage_id)
    assert "I accept the guidelines" not in unit.page("amelie")
    # A learner who posted before the charter is not asked; nor is the course team.
    unit.ok("create_thread", {**POST, "title": "After the charter"}, student="zsofia")
    unit.ok("create_thread", {**POST, "title": "From the team"}, student="staff")
    assert CharterAcceptance.objects.count() == 1


def test_replies_wait_for_the_guidelines_too(unit):
    thread_id = unit.ok("create_thread", POST, student="zsofia")["thread"]["id"]
    unit.ok("save_charter", {"charter": "Be kind."}, student="staff")
    status, data = unit.call("reply", {"thread_id": thread_id, "body": "Hi"}, student="amelie")
    assert status == 409 and data["error"] == "Please read and accept the community guidelines before your first post."


def test_only_staff_write_the_guidelines_and_bad_ones_are_refused(unit):
    status, _data = unit.call("save_charter", {"charter": "Anything goes."}, student="amelie")
    assert status == 403 and not CourseCharter.objects.exists()
    status, data = unit.call("save_charter", {"charter": "<script>alert(1)</script>"}, student="staff")
    assert status == 400 and data["field"] == "charter" and not CourseCharter.objects.exists()
    status, _data = unit.call("save_charter", {"charter": "x" * 10_001}, student="staff")
    assert status == 400 and not CourseCharter.objects.exists()
    status, data = unit.call("accept_charter", {}, student="amelie")
    assert status == 409 and not CharterAcceptance.objects.exists()


def test_an_edit_keeps_acceptances_and_an_empty_charter_removes_it(unit):
    unit.ok("save_charter", {"charter": "Be kind."}, student="staff")
    unit.ok("accept_charter", {}, student="amelie")
    unit.ok("save_charter", {"charter": "Be kind, and cite your sources."}, student="staff")
    assert CourseCharter.objects.get().version == 2
    unit.ok("create_thread", POST, student="amelie")
    unit.ok("save_charter", {"charter": ""}, student="staff")
    assert not CourseCharter.objects.exists()
    unit.ok("create_thread", {**POST, "title": "No charter now"}, student="learner8")
