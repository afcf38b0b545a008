"""Languages: catalogs complete and compiling, and no visible string escaping translation in fr, hu and the
pseudo-locale (eo), for learners, staff and authors."""
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from tools import i18n_build

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
DOMAINS = ("text", "textjs")


def read_po(path):
    """{msgid: [msgstr, ...]} and the set of fuzzy msgids, from a .po file (enough for our catalogs)."""
    entries, fuzzy = {}, set()
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
        def strings(name, text=block):
            return [_unquote(parts) for parts in re.findall(rf'^{name} ((?:".*"\n?)+)', text + "\n", re.MULTILINE)]

        msgid = strings("msgid")
        if not msgid:
            continue
        values = strings("msgstr") or [value for index in range(4) for value in strings(rf"msgstr\[{index}\]")]
        entries[msgid[0]] = values
        if "#, fuzzy" in block:
            fuzzy.add(msgid[0])
    return entries, fuzzy


def _unquote(quoted):
    pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', quoted)
    return "".join(re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), p) for p in pieces)


@pytest.mark.parametrize("language", ["fr", "hu"])
@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogs_are_complete(language, domain):
    source, _ = read_po(TRANSLATIONS / "en" / "LC_MESSAGES" / f"{domain}.po")
    target, fuzzy = read_po(TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.po")
    assert set(source) <= set(target), set(source) - set(target)
    assert not fuzzy, fuzzy
    for msgid in source:
        assert all(target[msgid]) and len(target[msgid]) >= 1, f"{language}: untranslated {msgid!r}"
        for translation in target[msgid]:
            assert set(PLACEHOLDER.findall(translation)) <= set(PLACEHOLDER.findall(msgid)) | {"%(counter)s"}, \
                (msgid, translation)


@pytest.mark.parametrize("language", ["fr", "hu", "eo"])
@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogs_compile_and_the_shipped_ones_are_current(language, domain, tmp_path):
    po = TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.po"
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
    with open(compiled, "rb") as fresh, open(po.with_suffix(".mo"), "rb") as shipped:
        assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(shipped)._catalog, \
            "run make compile_translations"


@pytest.mark.parametrize("language", ["fr", "hu"])
def test_the_shipped_javascript_catalog_is_current(language):
    shipped = (ROOT / "static" / "js" / "translations" / language / "text.js").read_text(encoding="utf-8")
    assert shipped == i18n_build.javascript_catalog(TRANSLATIONS / language / "LC_MESSAGES" / "textjs.mo")
    assert "CommunityXBlockI18N" in shipped


def test_the_source_catalog_holds_every_string_in_the_code(tmp_path):
    """Extract again from a copy of the code: nothing may be missing from translations/en."""
    for folder in ("community_xblock", "templates", "static"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("translations", "__pycache__"))
    (tmp_path / "locale").mkdir()
    (tmp_path / "var").mkdir()  # the workbench settings log there
    for domain, extensions in (("django", "py,html"), ("djangojs", "js")):
        subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "en", "-d", domain, "-e", extensions,
                        "--no-wrap", "--no-location"], cwd=tmp_path, check=True, capture_output=True,
                       env={**os.environ, "DJANGO_SETTINGS_MODULE": "community_xblock.demo.settings"})
        fresh, _ = read_po(tmp_path / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")
        shipped, _ = read_po(TRANSLATIONS / "en" / "LC_MESSAGES" / f"{i18n_build.DOMAINS[domain]}.po")
        assert set(fresh) == set(shipped), "run make extract_translations"


def test_the_pseudo_locale_keeps_placeholders():
    assert i18n_build.pseudo("%(counter)s reply") == "⟦%(counter)s réplý⟧"


# ----- rendered pages -----------------------------------------------------------------------------------------

# What people wrote, what the course calls its content, and dates: none of it is ours to translate (nor the
# decorative glyphs screen readers skip).
USER_CLASSES = ["cx-body", "cx-excerpt", "cx-author", "cx-open", "cx-prompt", "cx-labels", "cx-component-prompts",
                "cx-name", "cx-course-content"]
USER_CONTENT = (
    ".//*[" + " or ".join(f"contains(@class,'{name}')" for name in USER_CLASSES) + "]"
    "|.//time|.//textarea|.//script|.//style|.//*[local-name()='svg']//*[local-name()='text']"
    "|.//*[@aria-hidden='true']"  # decorative glyphs and initials; their meaning is in translated text beside them
    "|.//option[@value!='' and not(ancestor::select[@name='sort' or @name='show' or @name='kind' "
    "or @name='run_scope' or contains(@name,'policy')])]"
)


def visible_text(html):
    """Text nodes of the community block that are not user content, course content or dates."""
    if "<html" not in html:
        html = f'<div class="cx">{html}</div>'  # a fragment answered by a handler
    root = lxml.html.fromstring(html)
    blocks = root.xpath("//*[contains(concat(' ', @class, ' '), ' cx ')]")
    assert blocks, "no community block in the page"
    texts = []
    for block in blocks:
        for element in block.xpath(USER_CONTENT):
            element.drop_tree()
        texts += [text.strip() for text in block.xpath(".//text()") if text.strip()]
        texts += [value for value in block.xpath(".//@aria-label | .//@placeholder") if value.strip()]
    return texts


def seeded(workbench):
    created = workbench.ok("create_thread", {"kind": "question", "title": "ŭ title", "body": "ŭ body",
                                             "component": workbench.component_keys()[0]})
    thread_id = created["thread"]["id"]
    reply = workbench.ok("reply", {"thread_id": thread_id, "body": "ŭ answer"}, student="amelie")
    workbench.ok("reply", {"thread_id": thread_id, "parent_id": reply["post"]["id"], "body": "ŭ comment"})
    workbench.ok("react", {"post_id": reply["post"]["id"], "kind": "helpful"})
    workbench.ok("flag", {"post_id": reply["post"]["id"]})
    seed_alerts(workbench)
    seed_talent(workbench)
    seed_event(workbench)
    seed_past_event(workbench)
    workbench.ok("save_charter", {"charter": "ŭ be kind"}, student="staff")
    workbench.ok("save_settings", {"scheduled_prompts": [
        {"text": "ŭ now", "shows_from": "2026-01-05"}, {"text": "ŭ later", "days_after_end": 30},
        {"text": "ŭ video", "component": workbench.component_keys()[0], "shows_from": "2099-01-01"}]},
        student="staff")
    return thread_id


def seed_past_event(workbench):
    """A debate held three days ago that two learners joined: the staff's past events and its measured effect."""
    from datetime import timedelta

    from django.utils import timezone

    from community_xblock.conversations import threads
    from community_xblock.core.lookups import space_for
    from community_xblock.gatherings import events
    from community_xblock.platform.identity import Viewer

    space = space_for(workbench.block_for("staff").community_key)
    starts = timezone.now() - timedelta(days=3)
    event = events.plan(space, Viewer("staff", "staff", is_staff=True), kind="debate", title="ŭ debate",
                        description="", time_zone="UTC", starts=starts.replace(tzinfo=None).isoformat(),
                        ends=(starts + timedelta(hours=2)).replace(tzinfo=None).isoformat(),
                        now=starts - timedelta(days=1))
    for minutes, student in ((10, "amelie"), (20, "zsofia")):
        threads.reply(space, Viewer(student, student), thread_id=event.thread_id, body="ŭ argument",
                      now=starts + timedelta(minutes=minutes))


def seed_event(workbench):
    """An event starting in two hours (its banner), with places and a link, that a learner answered."""
    from datetime import timedelta

    from django.utils import timezone

    start = (timezone.now() + timedelta(hours=2)).replace(tzinfo=None, second=0, microsecond=0)
    planned = workbench.ok("plan_event", {"kind": "live_qa", "title": "ŭ live", "description": "ŭ come",
                                          "starts": start.isoformat(timespec="minutes"),
                                          "ends": (start + timedelta(hours=1)).isoformat(timespec="minutes"),
                                          "time_zone": "UTC", "capacity": 10, "link": "https://meet.example.org/x"},
                           student="staff")
    workbench.ok("rsvp", {"event_id": planned["event_id"], "answer": "going"}, student="student_1")


def seed_talent(workbench):
    """An expert candidate (three answers, each found helpful and thanked), and a promoted community expert."""
    for asker in ("zsofia", "student_1", "learner8"):
        question = workbench.ok("create_thread", {"kind": "question", "title": f"ŭ {asker}?", "body": "ŭ how?"},
                                student=asker)["thread"]["id"]
        answer = workbench.ok("reply", {"thread_id": question, "body": "ŭ like this"}, student="amelie")
        workbench.ok("react", {"post_id": answer["post"]["id"], "kind": "helpful"}, student=asker)
        workbench.ok("reply", {"thread_id": question, "parent_id": answer["post"]["id"],
                               "body": "Thanks, that fixed it!"}, student=asker)
    workbench.ok("promote_expert", {"user_key": "student_1"}, student="staff")
    panel = workbench.ok("talent", {}, student="staff")["html"]
    assert "amelie" in panel and "cx-reasons" in panel  # the panel the pages below check has a candidate


def seed_alerts(workbench):
    """One alert of each kind, an erratum and a question waiting for the course team."""
    from datetime import timedelta

    from django.utils import timezone

    from community_xblock.conversations import threads
    from community_xblock.core.lookups import space_for
    from community_xblock.models import Alert
    from community_xblock.platform.identity import Viewer
    from tests.delivery.receiver import closed_port_url

    space = space_for(workbench.block_for("staff").community_key)
    workbench.ok("add_webhook", {"url": closed_port_url(), "format": "generic"}, student="staff")
    threads.start_thread(space, Viewer("old", "old"), kind="question", title="ŭ old", body="ŭ when?",
                         now=timezone.now() - timedelta(hours=30))
    for student in ("amelie", "zsofia", "student_1", "learner8"):
        workbench.ok("create_thread", {"kind": "discussion", "title": "ŭ error", "component":
                                       workbench.component_keys()[1],
                                       "body": "There is an error in the video: the formula is wrong."},
                     student=student)
        workbench.ok("create_thread", {"kind": "discussion", "title": "ŭ buzz",
                                       "body": "This is so frustrating, I am fed up with it."}, student=student)
    workbench.ok("add_webhook", {"url": closed_port_url(), "format": "teams"}, student="staff")
    spread = Alert.objects.get(kind="error_spread")
    workbench.ok("publish_erratum", {"alert_id": spread.pk, "body": "ŭ fixed"}, student="staff")


def pages(workbench, language, thread_id):
    from community_xblock.models import Event

    client = workbench.client
    views = {}
    for student in ("student_1", "staff"):
        views[f"page as {student}"] = client.get(f"/scenario/community.0/?student={student}&lang={language}")
        views[f"thread as {student}"] = workbench.ok("get_thread", {"thread_id": thread_id}, student=student)["html"]
    views["evaluation"] = workbench.ok("evaluation", {}, student="staff")["html"]
    for panel in ("alerts", "webhooks", "review_queue", "watched_words", "moderation_log", "talent", "events",
                  "course_page"):
        views[panel] = workbench.ok(panel, {}, student="staff")["html"]
    views["course evaluation"] = workbench.ok("course_evaluation", {}, student="staff")["html"]
    views["search"] = workbench.ok("search", {"query": "title"}, student="student_1")["summary_html"]
    views["search, nothing"] = workbench.ok("search", {"query": "zebra"}, student="student_1")["summary_html"]
    past = Event.objects.get(title="ŭ debate")
    views["event effect"] = workbench.ok("event_effect", {"event_id": past.pk}, student="staff")["html"]
    views["studio"] = client.get(f"/scenario/community.0/studio_view/?student=staff&lang={language}")
    views["author"] = client.get(f"/scenario/community.0/author_view/?student=staff&lang={language}")
    return {name: view if isinstance(view, str) else view.content.decode("utf-8") for name, view in views.items()}


def test_every_visible_string_is_translated_in_the_pseudo_locale(workbench):
    thread_id = seeded(workbench)
    for name, html in pages(workbench, "eo", thread_id).items():
        escaped = [text for text in visible_text(html)
                   if "⟦" not in text and not re.fullmatch(r"[\d\s·:.,()/×—-]*", text)]
        assert not escaped, f"{name}: not translated: {escaped}"


@pytest.mark.parametrize("language", ["fr", "hu"])
def test_no_english_is_left_in_french_and_hungarian(workbench, language):
    thread_id = seeded(workbench)
    source, _ = read_po(TRANSLATIONS / "en" / "LC_MESSAGES" / "text.po")
    target, _ = read_po(TRANSLATIONS / language / "LC_MESSAGES" / "text.po")
    english = {msgid for msgid, values in source.items()
               if " " in msgid and "%" not in msgid and msgid not in target[msgid]}
    for name, html in pages(workbench, language, thread_id).items():
        text = "\n".join(visible_text(html))
        left = [msgid for msgid in english if msgid in text]
        assert not left, f"{name} ({language}): {left}"


def test_error_messages_are_translated(workbench):
    workbench.page()  # any page, to have the language cookie set below
    workbench.client.get("/scenario/community.0/?student=student_1&lang=hu")
    status, data = workbench.call("create_thread", {"kind": "question", "title": "ab", "body": "x"})
    assert status == 400
    assert data["error"] == "Cím: legalább 3 karakter hosszú legyen."
    workbench.client.get("/scenario/community.0/?student=student_1&lang=fr")
    error = workbench.call("create_thread", raw="{oops")[1]["error"]
    assert error == "Le corps de la requête n’est pas du JSON valide."
