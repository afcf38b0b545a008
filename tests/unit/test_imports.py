"""The course team's data commands: import a timeline, report a community, analyse posts again."""
import io
import json

import pytest
from django.core.management import CommandError, call_command

from community_xblock.insights.analysis import ANALYSIS_VERSION
from community_xblock.models import Anchor, Community, Keyphrase, Post, Thread, Visit

KEY = "ImportX+BIO101/unit3"
TIMELINE = [
    {"id": "t1", "reply_to": None, "author": "amelie", "created": "2026-03-02T09:00:00+01:00", "kind": "issue",
     "title": "Answer key Q4", "component": "Quiz: limiting factors",
     "text": "The answer key for Q4 is wrong: light is the limiting factor, not CO2."},
    {"id": "t2", "reply_to": "t1", "author": "tom", "created": "2026-03-02T10:30:00+01:00", "text": "+1, same here"},
    {"id": "t3", "reply_to": "t2", "author": "staff_lena", "role": "staff", "created": "2026-03-03T08:00:00+01:00",
     "text": "You're right, the key was wrong. It is fixed now."},
    {"id": "q1", "reply_to": None, "author": "zsofia", "created": "2026-03-04T12:00:00+01:00", "kind": "question",
     "title": "Fényreakció", "text": "Nem értem, miért kell fény a Calvin-ciklushoz, ha sötétben is megy?"},
    {"id": "q2", "reply_to": "q1", "author": "amelie", "created": "2026-03-04T13:00:00+01:00", "endorsed": True,
     "text": "Az ATP és a NADPH a fényreakcióból jön."},
]


def write(tmp_path, rows, extra_lines=()):
    path = tmp_path / "timeline.jsonl"
    path.write_text("\n".join([json.dumps(row, ensure_ascii=False) for row in rows] + list(extra_lines)) + "\n",
                    encoding="utf-8")
    return path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def imported(db, tmp_path):
    out, _err = run("import_community_posts", str(write(tmp_path, TIMELINE)), "--community", KEY)
    assert out.strip() == "5 imported, 0 already there, 0 refused."
    return Community.objects.get(block_id="unit3")


class TestImport:
    def test_posts_go_through_the_write_path_in_time_order_with_their_own_time(self, imported):
        posts = {post.source_id: post for post in Post.objects.filter(community=imported)}
        assert posts["t1"].is_opening and posts["t1"].thread.kind == "issue"
        assert posts["t2"].parent_id is None and posts["t2"].thread_id == posts["t1"].thread_id  # a response
        assert posts["t3"].parent_id == posts["t2"].pk  # a comment on it
        assert posts["t1"].created_at.isoformat() == "2026-03-02T08:00:00+00:00"
        assert posts["t1"].sig_error and posts["t2"].sig_error  # the "+1" inherits the report
        assert posts["q1"].language == "hu" and posts["q1"].sig_confusion
        assert posts["t3"].analysis_version == ANALYSIS_VERSION
        thread = Thread.objects.get(pk=posts["t1"].thread_id)
        assert (thread.response_count, thread.comment_count) == (1, 1)
        assert thread.anchor.display_name == "Quiz: limiting factors"
        assert Thread.objects.get(pk=posts["q1"].thread_id).accepted_post_id == posts["q2"].pk
        assert Visit.objects.filter(community=imported).count() == 4  # every author was there
        assert Keyphrase.objects.filter(community=imported, surface="Q4").exists()

    def test_a_second_import_adds_nothing(self, imported, tmp_path):
        before = Post.objects.count(), Thread.objects.count(), Anchor.objects.count()
        out, _err = run("import_community_posts", str(write(tmp_path, TIMELINE)), "--community", KEY)
        assert out.strip() == "0 imported, 5 already there, 0 refused."
        assert (Post.objects.count(), Thread.objects.count(), Anchor.objects.count()) == before

    def test_bad_lines_are_reported_with_their_number_and_the_rest_goes_on(self, db, tmp_path):
        rows = [TIMELINE[0], {**TIMELINE[1], "reply_to": "nowhere"}, {**TIMELINE[3], "created": "yesterday"},
                {**TIMELINE[3], "id": "q9", "text": "<script>alert(1)</script>"},
                {**TIMELINE[3], "id": "q8", "kind": "poll"}]
        out, err = run("import_community_posts", str(write(tmp_path, rows, ["{broken json"])), "--community", KEY)
        assert out.strip() == "1 imported, 0 already there, 5 refused."
        assert "line 2: reply_to 'nowhere'" in err and "line 3: created is not an ISO 8601" in err
        assert "line 4: Message has nothing left to show" in err and "line 5: kind must be one of" in err
        assert "line 6: not valid JSON" in err
        assert Post.objects.count() == 1 and Thread.objects.count() == 1  # nothing half-written

    def test_the_command_needs_a_community_key_it_can_read(self, db, tmp_path):
        with pytest.raises(CommandError, match="ORG\\+COURSE/BLOCK"):
            run("import_community_posts", str(write(tmp_path, TIMELINE)), "--community", "not-a-key")


class TestReport:
    def test_json_is_one_object_with_documented_keys(self, imported):
        out, _err = run("community_report", "--community", KEY, "--format", "json")
        document = json.loads(out)
        assert set(document) == {"community", "name", "evaluation", "alerts", "candidates", "events"}
        assert document["alerts"] == []  # this timeline is quiet (the alerts themselves: tests/runtime/test_alerts.py)
        backlog = document["evaluation"]["backlog"]
        assert backlog[0]["component"] == "Quiz: limiting factors"
        assert {post["source_id"] for post in backlog[0]["evidence"]} >= {"t1", "t2"}
        assert "Q4" in {theme["phrase"] for theme in document["evaluation"]["themes"]}

    def test_text_and_course_reports(self, imported):
        out, _err = run("community_report", "--community", KEY, "--format", "text")
        assert "revision backlog" in out and "Quiz: limiting factors" in out and "t1" in out
        course, _err = run("community_report", "--course", "ImportX+BIO101")
        assert json.loads(course)["communities"][0]["community"] == KEY

    def test_an_unknown_community_is_a_clear_error(self, db):
        with pytest.raises(CommandError, match="No community"):
            run("community_report", "--community", "Nope+X/y")


class TestReanalyse:
    def test_posts_of_an_older_version_are_upgraded_in_time_order(self, imported):
        Post.objects.update(analysis_version=1, sig_error=False, sig_confusion=False)
        Keyphrase.objects.all().delete()
        out, err = run("reanalyse_community_posts", "--community", KEY, "--batch", "2")
        assert out.strip() == f"5 posts analysed again under version {ANALYSIS_VERSION}."
        assert "5/5" in err
        posts = {post.source_id: post for post in Post.objects.all()}
        assert posts["t1"].sig_error and posts["t2"].sig_error and posts["q1"].sig_confusion
        assert Keyphrase.objects.filter(post=posts["t1"]).exists()
        again, _err = run("reanalyse_community_posts")
        assert again.strip() == f"0 posts analysed again under version {ANALYSIS_VERSION}."
