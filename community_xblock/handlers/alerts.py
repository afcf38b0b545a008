"""The community manager's alerts: the panel, acknowledging and resolving, errata and the remedies to bad buzz;
the course's chat webhooks and their delivery log."""
from community_xblock import tracking
from community_xblock.conversations.threads import TITLE_MIN_LENGTH
from community_xblock.core.validation import read_bool, read_choice, read_id, read_text
from community_xblock.delivery import webhooks
from community_xblock.handlers.http import json_action
from community_xblock.insights.detectors import alerts
from community_xblock.insights.detectors.presenters import panel
from community_xblock.models import TITLE_MAX_LENGTH, AlertStatus, WebhookFormat
from community_xblock.models.delivery import URL_MAX_LENGTH
from community_xblock.moderation import errata


def alerts_button_label(translator, count):
    """The staff tools' button, with how many alerts are new (the page and the panel's answers both show it)."""
    return translator.ngettext("Alerts (%(counter)s new)", "Alerts (%(counter)s new)", count) % {"counter": count}


class AlertHandlers:
    """Staff only: each domain rule checks the viewer's role."""

    @json_action(writes=False)
    def alerts(self, payload):
        """The alerts, newest first, and the questions waiting for the course team: {} -> {panel, html, button}."""
        return self._alerts_view()

    @json_action(writes=True)
    def decide_alert(self, payload):
        """Acknowledge or resolve an alert: {alert_id, status: acknowledged|resolved} -> as ``alerts``."""
        status = read_choice(payload, "status", {AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED})
        alert = alerts.decide(self.space, self.viewer, read_id(payload, "alert_id"), status)
        self._publish(tracking.alert_event(self._event_source, alert, status))
        return self._alerts_view()

    @json_action(writes=True)
    def publish_erratum(self, payload):
        """Correct an error learners found: {alert_id, body} -> as ``alerts``."""
        erratum, replies = errata.publish(self.space, self.viewer, alert_id=read_id(payload, "alert_id"),
                                          body=read_text(payload, "body", errata.BODY_MAX_LENGTH, multiline=True))
        self._publish(tracking.erratum_event(self._event_source, erratum),
                      [tracking.content_event(self._event_source, "created", reply) for reply in replies])
        return self._alerts_view()

    @json_action(writes=True)
    def withdraw_erratum(self, payload):
        """Stop showing an erratum: {erratum_id} -> as ``alerts``."""
        errata.withdraw(self.space, self.viewer, erratum_id=read_id(payload, "erratum_id"))
        return self._alerts_view()

    @json_action(writes=True)
    def pin_staff_note(self, payload):
        """A pinned note from the course team about a bad buzz: {alert_id, title, body} -> as ``alerts``."""
        thread = errata.pin_note(self.space, self.viewer, alert_id=read_id(payload, "alert_id"),
                                 title=read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH),
                                 body=read_text(payload, "body", errata.BODY_MAX_LENGTH, multiline=True))
        self._publish(tracking.content_event(self._event_source, "created", thread.opening_post))
        return self._alerts_view()

    @json_action(writes=False)
    def webhooks(self, payload):
        """The course's chat webhooks and their delivery log: {} -> {html}."""
        return self._webhooks_view()

    @json_action(writes=True)
    def add_webhook(self, payload):
        """Send the course's alerts to a chat tool: {url, format, include_text?} -> {html}."""
        webhooks.add(self.space, self.viewer, url=read_text(payload, "url", URL_MAX_LENGTH),
                     kind=read_choice(payload, "format", set(WebhookFormat.values)),
                     include_text=read_bool(payload, "include_text", default=False),
                     language=self.translator.language)
        return self._webhooks_view()

    @json_action(writes=True)
    def remove_webhook(self, payload):
        """Stop sending to a webhook: {webhook_id} -> {html}."""
        webhooks.remove(self.space, self.viewer, webhook_id=read_id(payload, "webhook_id"))
        return self._webhooks_view()

    @json_action(writes=True)
    def redeliver(self, payload):
        """Send a delivery again: {delivery_id} -> {html}."""
        webhooks.redeliver(self.space, self.viewer, delivery_id=read_id(payload, "delivery_id"))
        return self._webhooks_view()

    def _webhooks_view(self):
        hooks, log = webhooks.read(self.space, self.viewer)
        return {"html": self._render("staff/webhooks.html", {"webhooks": hooks, "deliveries": log,
                                                             "formats": WebhookFormat.choices})}

    def _alerts_view(self):
        data = panel(self.space, self.viewer, self.translator)
        return {"panel": data, "html": self._render("staff/alerts.html", {"panel": data}),
                "button": alerts_button_label(self.translator, data["open_count"])}
