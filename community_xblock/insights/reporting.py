"""The evaluation as people read it: charts and tables for staff, CSV and JSON exports.

``evaluation`` computes the figures; this module turns them into template contexts (translated chart titles and
text alternatives) and into downloads. Exports are pseudonymous unless staff ask for names.
"""
import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_noop as _
from webob import Response

from community_xblock.core import permissions
from community_xblock.core.errors import CommunityError, InvalidInput, MethodNotAllowed
from community_xblock.insights import charts, evaluation


def evaluation_context(block, report):
    gettext = block.translator.gettext
    weeks = [row["week"] or "" for row in report["signals_over_time"]]
    signal_names = {"confusion": gettext("Confusion"), "error": gettext("Error reports"), "praise": gettext("Praise"),
                    "frustration": gettext("Frustration"), "urgency": gettext("Urgency")}
    participation = report["participation"]
    return {
        "report": report,
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
        "export_json": block.runtime.handler_url(block, "export_evaluation", query="format=json"),
    }


def course_evaluation_context(block, report):
    gettext = block.translator.gettext
    return {
        "report": report,
        "units_chart": charts.bar_chart(
            gettext("Posts per unit"), gettext("How much each unit's community has written."),
            [(unit["name"], unit["posts"]) for unit in report["units"]]),
    }


EXPORT_FORMATS = ("csv", "json")


def export_response(block, request):
    """The download (GET): CSV (a row per post) or JSON (the whole report plus the rows)."""
    try:
        if request.method != "GET":
            raise MethodNotAllowed(_("Use GET for this download."))
        permissions.require_staff(block.viewer)
        export_format = request.GET.get("format", "csv")
        if export_format not in EXPORT_FORMATS:
            raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field="format",
                               choices=", ".join(EXPORT_FORMATS))
    except CommunityError as refused:
        response = Response(status=refused.status, content_type="text/plain", charset="utf-8",
                            body=refused.translated(block.translator.gettext).encode("utf-8"))
        if isinstance(refused, MethodNotAllowed):
            response.headers["Allow"] = "GET"
        return response
    identified = request.GET.get("identified") == "1"
    if export_format == "json":
        rows = evaluation.export_rows(block.community, identified)
        body = json.dumps({
            "report": evaluation.unit_report(block.community, block.unit_components),
            "columns": next(rows),
            "posts": list(rows),  # rows as arrays under "columns": a 100k-post export stays a few MB
            "pseudonymous": not identified,
        }, cls=DjangoJSONEncoder, ensure_ascii=False)
        return _download(body, "application/json", "community-evaluation.json")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(evaluation.export_rows(block.community, identified))
    return _download(buffer.getvalue(), "text/csv", "community-evaluation.csv")


def _download(text, content_type, filename):
    response = Response(body=text.encode("utf-8"), content_type=content_type, charset="utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
