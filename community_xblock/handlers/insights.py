"""The course team's evaluation of the unit and of the course, and its downloads."""
from xblock.core import XBlock

from community_xblock.core import permissions
from community_xblock.handlers.http import json_action
from community_xblock.insights import evaluation, reporting


class InsightHandlers:
    """Staff only."""

    @json_action(writes=False)
    def evaluation(self, payload):
        """The unit's qualitative evaluation: {} -> {report, html}; sends the weekly summary event when due."""
        permissions.require_staff(self.viewer)
        report = evaluation.unit_report(self.community, self.unit_components)
        if evaluation.summary_due(self.community):
            self._publish(evaluation.summary_event(self.community, report))
        html = self._render("staff/evaluation.html", reporting.evaluation_context(self, report))
        return {"report": report, "html": html}

    @json_action(writes=False)
    def course_evaluation(self, payload):
        """Every community block of the course, unit by unit: {} -> {report, html}."""
        permissions.require_staff(self.viewer)
        report = evaluation.course_report(self.community)
        html = self._render("staff/course_evaluation.html", reporting.course_evaluation_context(self, report))
        return {"report": report, "html": html}

    @XBlock.handler
    def export_evaluation(self, request, suffix=""):
        """GET ?format=csv|json [&identified=1]: the unit's evaluation; authors pseudonymous by default."""
        return reporting.export_response(self, request)
