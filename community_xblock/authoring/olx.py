"""The block as OLX: scalars as attributes, prompts and phase policies as readable child elements.

    <community display_name="Unit community" thread_kinds="discussion question issue"
               allow_anchors="true" allow_anonymous="true" run_scope="shared"
               complete_on_contribution="false" discussion_category="Week 3" discussion_target="Leaves">
      <prompt>Which step of photosynthesis surprised you?</prompt>
      <component-prompt component="block-v1:...+type@video+block@abc">What did the video make clear?</component-prompt>
      <scheduled-prompt from="2026-11-02">Week 2: which example from your own work fits the model?</scheduled-prompt>
      <scheduled-prompt component="block-v1:...+type@video+block@abc" days-after-end="30"
          >A month on: what from the video do you still use?</scheduled-prompt>
      <lifecycle course_end="2026-12-18">
        <phase name="course" policy="open"/>
        <phase name="alumni" policy="read_only" until="2027-12-31">
          <prompt>Now that you use this at work, what would you tell this year's learners?</prompt>
        </phase>
      </lifecycle>
    </community>

An Open edX ``<discussion display_name=".." discussion_category=".." discussion_target=".." discussion_id=".."
sort_key=".."/>`` renamed to ``<community>`` imports as is: its attributes are settings of this block too, and
``discussion_id`` is kept so the discussion's history can be imported into the community.

Fields the platform adds to every block (``visible_to_staff_only``, ``group_access``, ``start``, ... through the
runtime's mixins) are written and read the way XBlock's default serialisation does (``Field.to_string`` /
``from_string`` on attributes), so a course export and import keeps them; an attribute that is neither one of
ours nor a field of the block is refused.

Import validates our settings with ``configuration.clean`` (the editor's rules). Documents with a DOCTYPE (the
carrier of entity expansion and external entities) or beyond the size limits are refused with a clear message.
"""
from django.utils.translation import gettext_noop as _
from lxml import etree

from community_xblock.authoring.configuration import clean
from community_xblock.authoring.settings import SETTINGS
from community_xblock.core.errors import CommunityError

# Where each setting sits (the settings table's ``olx`` column): placement -> setting name.
PLACED = {setting.olx: setting.name for setting in SETTINGS if setting.olx and setting.olx != "attribute"}
ATTRIBUTE_FIELDS = [setting.name for setting in SETTINGS if setting.olx == "attribute"]
PHASES = ("course", "alumni")
DEFAULT_POLICY = "open"
# Attributes the runtime or the course export put on any block's node; they are not fields.
FRAMEWORK_ATTRIBUTES = {"url_name", "xblock-family", "filename"}
# Fields XBlock's own serialisation leaves out too.
STRUCTURE_FIELDS = {"children", "parent", "content"}
MAX_ELEMENTS = 200
MAX_DEPTH = 4
MAX_TEXT = 100_000


class OlxError(CommunityError):
    """OLX that cannot be imported; ``message`` says why, in words an author can act on."""

    status = 400


def safe_parser():
    """The parser for OLX we read ourselves: no entities, no DTD, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           remove_comments=True, dtd_validation=False)


def parse_string(text):
    try:
        return etree.fromstring(text.encode("utf-8") if isinstance(text, str) else text, safe_parser())
    except etree.XMLSyntaxError as error:
        raise OlxError(_("The OLX is not well-formed XML: %(reason)s"), reason=str(error)) from None


def platform_fields(block, settings):
    """The block's fields that are not settings of ours (the platform's, through the runtime's mixins)."""
    return {name: field for name, field in block.fields.items()
            if name not in settings and name not in STRUCTURE_FIELDS}


def platform_values_from_node(node, fields):
    """The values of the platform's fields found as attributes of ``node``, read as XBlock reads them."""
    values = {}
    for name, text in node.attrib.items():
        if name in fields:
            try:
                values[name] = fields[name].from_string(text)
            except (TypeError, ValueError):
                raise OlxError(_("%(name)s has a value that cannot be read: %(value)s"), name=name,
                               value=text[:80]) from None
    return values


def write_platform_fields(node, block, fields):
    """Every platform field set on ``block``, as an attribute (XBlock's default export does the same)."""
    for name, field in fields.items():
        if field.is_set_on(block) or field.force_export:
            value = field.to_string(field.read_from(block))
            node.set(name, "" if value is None else value)


def settings_from_node(node, known_fields=()):
    """Checked settings from a ``<community>`` (or renamed ``<discussion>``) element.

    ``known_fields`` are other fields of the block (the platform's) whose attributes are read elsewhere.
    """
    _refuse_hostile(node)
    for name in node.attrib:
        if name not in ATTRIBUTE_FIELDS and name not in FRAMEWORK_ATTRIBUTES and name not in known_fields:
            raise OlxError(_("%(name)s is not an attribute of <community>."), name=name)
    raw = {name: node.get(name) for name in ATTRIBUTE_FIELDS if node.get(name) is not None}
    component_prompts, scheduled = {}, []
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "prompt" and "prompt" in PLACED:
            raw[PLACED["prompt"]] = _text_of(child)
        elif child.tag == "component-prompt" and "component-prompts" in PLACED:
            component_prompts[child.get("component", "")] = _text_of(child)
        elif child.tag == "scheduled-prompt" and "scheduled-prompts" in PLACED:
            scheduled.append(_scheduled_prompt(child))
        elif child.tag == "lifecycle":
            raw.update(_lifecycle(child))
        else:
            raise OlxError(_("<%(tag)s> is not an element of <community>."), tag=child.tag)
    if component_prompts:
        raw[PLACED["component-prompts"]] = component_prompts
    if scheduled:
        raw[PLACED["scheduled-prompts"]] = scheduled
    return clean(raw)


SCHEDULED_ATTRIBUTES = {"component": "component", "from": "shows_from", "days-after-end": "days_after_end"}


def _scheduled_prompt(element):
    """A raw scheduled prompt from ``<scheduled-prompt>`` (checked with the rest by the settings' cleaner)."""
    for attribute in element.attrib:
        if attribute not in SCHEDULED_ATTRIBUTES:
            raise OlxError(_("%(name)s is not an attribute of <scheduled-prompt>."), name=attribute)
    return {"text": _text_of(element), **{key: element.get(attribute) for attribute, key in
                                           SCHEDULED_ATTRIBUTES.items() if element.get(attribute) is not None}}


def write_node(node, settings):
    """Fill ``node`` (already named ``community``) from a settings dict, each setting where the table puts it."""
    for name in ATTRIBUTE_FIELDS:
        value = settings.get(name)
        if value not in (None, ""):
            node.set(name, _attribute_text(value))
    if settings.get(PLACED.get("prompt")):
        etree.SubElement(node, "prompt").text = settings[PLACED["prompt"]]
    for component, prompt in sorted((settings.get(PLACED.get("component-prompts")) or {}).items()):
        etree.SubElement(node, "component-prompt", component=component).text = prompt
    for item in settings.get(PLACED.get("scheduled-prompts")) or []:
        attributes = {attribute: str(item[key]) for attribute, key in SCHEDULED_ATTRIBUTES.items()
                      if item.get(key) not in (None, "")}
        etree.SubElement(node, "scheduled-prompt", attributes).text = item["text"]
    lifecycle = etree.SubElement(node, "lifecycle")
    for placement, name in PLACED.items():
        if placement.startswith("lifecycle:") and settings.get(name):
            lifecycle.set(placement.split(":")[1], _attribute_text(settings[name]))
    for phase_name in PHASES:
        phase = etree.SubElement(lifecycle, "phase", name=phase_name,
                                 policy=settings.get(PLACED.get(f"phase:{phase_name}:policy")) or DEFAULT_POLICY)
        if settings.get(PLACED.get(f"phase:{phase_name}:until")):
            phase.set("until", settings[PLACED[f"phase:{phase_name}:until"]])
        for prompt in settings.get(PLACED.get(f"phase:{phase_name}:prompts")) or []:
            etree.SubElement(phase, "prompt").text = prompt


def _attribute_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def _lifecycle(element):
    """Raw settings from ``<lifecycle>`` and its ``<phase>`` children, by the table's placements."""
    raw = {}
    for attribute, value in element.attrib.items():
        if f"lifecycle:{attribute}" not in PLACED:
            raise OlxError(_("%(name)s is not an attribute of <lifecycle>."), name=attribute)
        raw[PLACED[f"lifecycle:{attribute}"]] = value
    for phase in element:
        if not isinstance(phase.tag, str):
            continue
        name = phase.get("name")
        if phase.tag != "phase" or name not in PHASES:
            raise OlxError(_('<lifecycle> holds <phase name="course"> and <phase name="alumni"> only.'))
        for attribute, value in phase.attrib.items():
            if attribute == "name":
                continue
            placement = f"phase:{name}:{attribute}"
            if placement not in PLACED:
                raise OlxError(_("%(name)s is not an attribute of <phase>."), name=attribute)
            raw[PLACED[placement]] = value
        raw.setdefault(PLACED[f"phase:{name}:policy"], DEFAULT_POLICY)
        prompts = [_text_of(prompt) for prompt in phase if isinstance(prompt.tag, str) and prompt.tag == "prompt"]
        if f"phase:{name}:prompts" in PLACED:
            raw[PLACED[f"phase:{name}:prompts"]] = prompts
        elif prompts:
            raise OlxError(_("<%(tag)s> is not an element of <phase>."), tag="prompt")
    return raw


def _text_of(element):
    return "".join(element.itertext()).strip()


def _refuse_hostile(node):
    tree = node.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise OlxError(_("OLX with a DOCTYPE is refused: entity declarations are not allowed."))
    for count, element in enumerate(node.iter(), start=1):
        if isinstance(element, etree._Entity):  # an unexpanded entity reference
            raise OlxError(_("OLX with entity references is refused."))
        if count > MAX_ELEMENTS:
            raise OlxError(_("The OLX of a community block has at most %(max)s elements."), max=MAX_ELEMENTS)
    if _depth(node) > MAX_DEPTH:
        raise OlxError(_("The OLX of a community block is nested at most %(max)s levels deep."), max=MAX_DEPTH)
    if sum(len(text) for text in node.itertext()) > MAX_TEXT:
        raise OlxError(_("The OLX of a community block holds at most %(max)s characters of text."), max=MAX_TEXT)


def _depth(element):
    return 1 + max((_depth(child) for child in element), default=0)

