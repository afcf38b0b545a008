"""OLX import and export through the real runtime: round trips, validation, the discussion block, hostile XML."""
import pytest
from lxml import etree

from community_xblock.authoring.configuration import InvalidConfiguration
from community_xblock.authoring.olx import OlxError

FULL = """
<community display_name="Leaves &amp; light" thread_kinds="question issue" allow_anchors="false"
           allow_anonymous="true" run_scope="isolated" complete_on_contribution="true"
           discussion_category="Week 3" discussion_target="Photosynthesis">
  <prompt>Which step **surprised** you? Français : étonnant ? Magyar: meglepő? 🌱</prompt>
  <component-prompt component="block-v1:X+Y+Z+type@video+block@v1">What did the video make clear?</component-prompt>
  <scheduled-prompt from="2026-11-09">Week 3: what would you *change*?</scheduled-prompt>
  <scheduled-prompt component="block-v1:X+Y+Z+type@video+block@v1" days-after-end="30">A month on?</scheduled-prompt>
  <lifecycle course_end="2026-12-18">
    <phase name="course" policy="open"/>
    <phase name="alumni" policy="read_only" until="2027-12-31">
      <prompt>How do you use this at work?</prompt>
      <prompt>What would you tell this year's learners?</prompt>
    </phase>
  </lifecycle>
</community>
"""


def runtime():
    from workbench.runtime import WorkbenchRuntime

    return WorkbenchRuntime("staff")


def load(xml):
    rt = runtime()
    rt.id_generator.set_scenario("olx-test")
    return rt.get_block(rt.parse_xml_string(xml.encode("utf-8")))


def export(block):
    from io import BytesIO

    out = BytesIO()
    block.runtime.export_to_xml(block, out)
    return out.getvalue().decode("utf-8")


def test_import_reads_attributes_and_child_elements(db):
    block = load(FULL)
    assert block.display_name == "Leaves & light"
    assert block.thread_kinds == ["question", "issue"]
    assert block.allow_anchors is False and block.complete_on_contribution is True
    assert block.prompt.endswith("🌱")
    assert block.component_prompts == {"block-v1:X+Y+Z+type@video+block@v1": "What did the video make clear?"}
    assert (block.course_end, block.alumni_policy, block.alumni_until) == ("2026-12-18", "read_only", "2027-12-31")
    assert block.alumni_prompts == ["How do you use this at work?", "What would you tell this year's learners?"]
    assert block.scheduled_prompts == [
        {"text": "Week 3: what would you *change*?", "component": "", "shows_from": "2026-11-09",
         "days_after_end": None},
        {"text": "A month on?", "component": "block-v1:X+Y+Z+type@video+block@v1", "shows_from": "",
         "days_after_end": 30}]


def test_export_then_import_gives_the_same_block(db):
    first = load(FULL)
    exported = export(first)
    tree = etree.fromstring(exported.encode("utf-8"))
    assert tree.tag == "community"
    assert tree.find("prompt") is not None and tree.find("lifecycle/phase[@name='alumni']/prompt") is not None
    assert [element.attrib for element in tree.findall("scheduled-prompt")] == [
        {"from": "2026-11-09"}, {"component": "block-v1:X+Y+Z+type@video+block@v1", "days-after-end": "30"}]
    assert "{" not in (tree.get("thread_kinds") or "")  # no JSON in attributes
    second = load(exported)
    assert second.settings() == first.settings()
    assert export(second) == exported


def test_defaults_round_trip(db):
    block = load("<community/>")
    assert load(export(block)).settings() == block.settings()


def test_a_discussion_block_renamed_to_community_keeps_its_meaning(db):
    block = load('<community display_name="Unit 3 discussion" discussion_category="Week 3" '
                 'discussion_target="Cell respiration"/>')
    assert block.display_name == "Unit 3 discussion"
    assert (block.discussion_category, block.discussion_target) == ("Week 3", "Cell respiration")


def test_a_real_discussion_keeps_its_id_and_sort_key(db):
    block = load('<community url_name="a1b2" display_name="Discussion" discussion_category="Week 1" '
                 'discussion_target="Leaves" discussion_id="4b2c8e1f0a9d" sort_key="03"/>')
    assert (block.discussion_id, block.sort_key) == ("4b2c8e1f0a9d", "03")
    tree = etree.fromstring(export(block).encode("utf-8"))
    assert (tree.get("discussion_id"), tree.get("sort_key")) == ("4b2c8e1f0a9d", "03")


@pytest.mark.parametrize(("xml", "fields"), [
    ('<community thread_kinds="poll"/>', {"thread_kinds"}),
    ('<community allow_anchors="yes"/>', {"allow_anchors"}),
    ('<community><lifecycle course_end="next year"/></community>', {"course_end"}),
    ('<community><lifecycle><phase name="alumni" policy="sometimes"/></lifecycle></community>', {"alumni_policy"}),
    ('<community display_name="   "/>', {"display_name"}),
])
def test_import_uses_the_editors_rules(db, xml, fields):
    with pytest.raises(InvalidConfiguration) as refused:
        load(xml)
    assert {error.field for error in refused.value.errors} == fields


def test_unknown_elements_and_attributes_are_refused(db):
    with pytest.raises(OlxError, match="<script> is not an element"):
        load("<community><script>alert(1)</script></community>")
    with pytest.raises(OlxError, match="onload is not an attribute"):
        load('<community onload="alert(1)"/>')
    with pytest.raises(OlxError, match="until is not an attribute of <scheduled-prompt>"):
        load('<community><scheduled-prompt from="2026-11-02" until="2027-01-01">Hi</scheduled-prompt></community>')


@pytest.mark.parametrize("xml", [
    '<community><scheduled-prompt from="next week">Hi</scheduled-prompt></community>',
    '<community><scheduled-prompt from="2026-11-02" days-after-end="3">Hi</scheduled-prompt></community>',
    '<community><scheduled-prompt days-after-end="-4">Hi</scheduled-prompt></community>',
])
def test_scheduled_prompts_are_checked_by_the_editors_rules(db, xml):
    with pytest.raises(InvalidConfiguration) as refused:
        load(xml)
    assert {error.field for error in refused.value.errors} == {"scheduled_prompts"}


def test_course_data_stays_out_of_the_olx(db, unit):
    """Events, RSVPs, the charter and the conversations belong to the course's runs, in the database; the OLX
    holds what an author wrote for the block (its settings and prompts), so a re-run or an import starts from it."""
    from tests.runtime.test_events import plan

    unit.ok("save_charter", {"charter": "Be kind."}, student="staff")
    status, planned = plan(unit, title="Live Q&A on leaves")
    assert status == 200
    unit.ok("rsvp", {"event_id": planned["event_id"], "answer": "going"}, student="amelie")
    exported = export(unit.block_for("staff"))
    assert "Be kind" not in exported and "Live Q&amp;A" not in exported and "Live Q&A" not in exported
    assert "event" not in exported.lower() and "charter" not in exported and "going" not in exported
    assert "<prompt>" in exported


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<community display_name="&lol3;"/>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE community [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<community><prompt>&secret;</prompt></community>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entity-expansion", "external-entity"])
def test_hostile_xml_is_refused_with_a_clear_error(db, xml):
    with pytest.raises((OlxError, etree.XMLSyntaxError)) as refused:
        load(xml)
    assert "DOCTYPE" in str(refused.value) or "entit" in str(refused.value).lower()


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entity-expansion", "external-entity"])
def test_our_own_parser_never_expands_entities(xml):
    from community_xblock.authoring.olx import parse_string, settings_from_node

    with pytest.raises(OlxError) as refused:
        settings_from_node(parse_string(xml))
    assert "DOCTYPE" in str(refused.value)
    assert "root:" not in str(refused.value)


def test_huge_trees_are_refused(db):
    prompts = "".join(f'<component-prompt component="c{n}">p</component-prompt>' for n in range(300))
    with pytest.raises(OlxError, match="at most 200 elements"):
        load(f"<community>{prompts}</community>")
    with pytest.raises(OlxError, match="characters of text"):
        load(f"<community><prompt>{'x' * 100_001}</prompt></community>")
