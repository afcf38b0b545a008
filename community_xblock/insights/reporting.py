"""The evaluation as people read it: charts and tables for staff, and the downloads (``exports.py``).

``evaluation`` computes the figures; this module turns them into template contexts (translated chart titles and
text alternatives) and into downloads. Exports are pseudonymous unless staff ask for names.
"""
from django.utils.translation import gettext_noop as _
from webob import Response

from community_xblock.core import permissions
from community_xblock.core.errors import CommunityError, InvalidInput, MethodNotAllowed
from community_xblock.insights import charts, exports, headlines

NO_FIGURE = "—"


def evaluation_context(block, report):
    gettext = block.translator.gettext
    weeks = [row["week"] or "" for row in report["signals_over_time"]]
    signal_names = {"confusion": gettext("Confusion"), "error": gettext("Error reports"), "praise": gettext("Praise"),
                    "frustration": gettext("Frustration"), "urgency": gettext("Urgency")}
    participation = report["participation"]
    return {
        "report": report,
        "headlines": headline_tiles(block.translator, headlines.unit_figures(block.community, report)),
        "signal_names": signal_names,
        "participation_chart": charts.bar_chart(
            gettext("Participation"), gettext("Learners who viewed the space, who posted, and who replied."),
            [(gettext("Viewed"), participation["viewers"]), (gettext("Posted"), participation["posters"]),
             (gettext("Replied"), participation["repliers"])]),
        "signals_chart": charts.line_chart(
            gettext("Signals over time"), gettext("Posts carrying each signal, week by week; the table below "
                                                  "gives the same numbers."),
            weeks, {signal_names[name]: [row[name] for row in report["signals_over_time"]]
                    for name in ("confusion", "error", "praise", "frustration")}),
        "themes_chart": charts.bar_chart(
            gettext("Top themes"), gettext("The keyphrases learners used most, grouped by word stem."),
            [(theme["phrase"], theme["count"]) for theme in report["themes"][:10]]),
        "backlog_chart": charts.bar_chart(
            gettext("Revision backlog"), gettext("The unit's components ranked by confusion and error signals."),
            [(item["component"], item["weight"]) for item in report["backlog"][:10]]),
        "export_csv": block.runtime.handler_url(block, "export_evaluation", query="format=csv"),
        "export_jsonl": block.runtime.handler_url(block, "export_evaluation", query="format=jsonl"),
        "export_json": block.runtime.handler_url(block, "export_evaluation", query="format=json"),
    }


def course_evaluation_context(block, report):
    gettext = block.translator.gettext
    return {
        "report": report,
        "headlines": headline_tiles(block.translator, headlines.course_figures(report), course=True),
        "units_chart": charts.bar_chart(
            gettext("Posts per unit"), gettext("How much each unit's community has written."),
            [(unit["name"], unit["posts"]) for unit in report["units"]]),
    }


def headline_tiles(translator, figures, course=False):
    """The headline figures as tiles, each a label, a big value and a line of context (all translated); a tile
    that asks for attention says so in words, its colour only repeats it."""
    gettext, ngettext = translator.gettext, translator.ngettext

    def percent(value):
        # The msgid the event's effect writes its shares with (gatherings/presenters.py): one translation.
        return NO_FIGURE if value is None else gettext("%(percent)s%%") % {"percent": value}

    participation, answered = figures["participation"], figures["answered"]
    alerts, issue = figures["open_alerts"], figures["top_issue"]
    if participation["visitors"]:
        if course:
            # Translators: a learner who visited two units of the course counts in each.
            taking_part = ngettext("%(posters)s of %(visitors)s visitor posted, counted in each unit",
                                   "%(posters)s of %(visitors)s visitors posted, counted in each unit",
                                   participation["visitors"]) % participation
        else:
            taking_part = ngettext("%(posters)s of %(visitors)s visitor posted",
                                   "%(posters)s of %(visitors)s visitors posted", participation["visitors"]) \
                % participation
    else:
        taking_part = gettext("No visitors yet")
    if answered["questions"]:
        answers = ngettext("%(answered)s answered out of %(questions)s question",
                           "%(answered)s answered out of %(questions)s questions", answered["questions"]) % answered
    else:
        answers = gettext("No questions yet")
    if issue is None:
        top = {"value": NO_FIGURE, "context": gettext("Nothing raised yet"), "text": False}
    elif issue["kind"] == "theme":
        top = {"value": issue["name"], "text": True, "context": ngettext(
            "The most-raised theme, in %(counter)s post", "The most-raised theme, in %(counter)s posts",
            issue["count"]) % {"counter": issue["count"]}}
    else:
        top = {"value": issue["name"], "text": True, "context": ngettext(
            "%(counter)s confusion or error signal", "%(counter)s confusion or error signals",
            issue["count"]) % {"counter": issue["count"]}}
    return [
        {"key": "participation", "label": gettext("Participation"), "value": percent(participation["share"]),
         "context": taking_part, "tone": "", "text": False},
        {"key": "answered", "label": gettext("Questions answered"), "value": percent(answered["share"]),
         "context": answers, "tone": "", "text": False},
        {"key": "alerts", "label": gettext("Open alerts"), "value": str(alerts),
         "context": (gettext("New in the course's communities, not yet acknowledged") if course else
                     gettext("New, not yet acknowledged")) if alerts else gettext("Nothing new to handle"),
         "tone": "warn" if alerts else "ok", "text": False},
        {"key": "top_issue", "label": gettext("Top issue"), "tone": "", **top},
    ]


def export_response(block, request):
    """The download (GET ?format=csv|jsonl|json [&identified=1]): a row per post, streamed (see exports.py)."""
    try:
        if request.method != "GET":
            raise MethodNotAllowed(_("Use GET for this download."))
        permissions.require_staff(block.viewer)
        export_format = request.GET.get("format", "csv")
        if export_format not in exports.FORMATS:
            raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field="format",
                               choices=", ".join(exports.FORMATS))
    except CommunityError as refused:
        response = Response(status=refused.status, content_type="text/plain", charset="utf-8",
                            body=refused.translated(block.translator.gettext).encode("utf-8"))
        if isinstance(refused, MethodNotAllowed):
            response.headers["Allow"] = "GET"
        return response
    chunks = exports.stream(block.community, export_format, identified=request.GET.get("identified") == "1",
                            components=block.unit_components)
    # A generator body: the runtime may stream it. The LMS and the SDK workbench both copy a handler's body
    # into one Django HttpResponse, so there the download is held in memory once; the export command
    # (export_community_posts) streams to a file at any size.
    response = Response(app_iter=chunks, content_type=exports.FORMATS[export_format], charset="utf-8")
    name = exports.FILE_NAMES.get(export_format, f"community-evaluation.{export_format}")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
