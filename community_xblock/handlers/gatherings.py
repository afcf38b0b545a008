"""Hot-spot events: the course team plans them, learners answer, anyone downloads them for a calendar."""
from django.utils import timezone
from webob import Response
from xblock.core import XBlock

from community_xblock import tracking
from community_xblock.core import phases
from community_xblock.core.errors import CommunityError
from community_xblock.core.validation import read_bool, read_choice, read_id, read_text
from community_xblock.gatherings import calendar, charter, effect, events, rsvp
from community_xblock.gatherings.course_page import course_health
from community_xblock.gatherings.presenters import SHOWN, effect_view, event_views
from community_xblock.handlers.http import json_action
from community_xblock.insights.talent.decisions import experts_named
from community_xblock.models import EVENT_TITLE_MAX_LENGTH, EventKind, RsvpAnswer

CALENDAR_TYPE = "text/calendar"


class GatheringHandlers:
    """Staff plan; learners answer. Each rule checks the role."""

    @json_action(writes=False)
    def events(self, payload):
        """The upcoming events of this unit and of the course: {} -> {html}."""
        return {"html": self._events_html()}

    @json_action(writes=True)
    def plan_event(self, payload):
        """{kind, title, description?, starts, ends (local times), time_zone, course_wide?, capacity?, link?,
        host? (a community expert's user key)} -> {html, event_id}."""
        event = events.plan(
            self.space, self.viewer, kind=read_choice(payload, "kind", set(EventKind.values)),
            title=read_text(payload, "title", EVENT_TITLE_MAX_LENGTH, min_length=3),
            description=read_text(payload, "description", events.DESCRIPTION_MAX_LENGTH, min_length=0,
                                  required=False, multiline=True),
            starts=payload.get("starts"), ends=payload.get("ends"), time_zone=payload.get("time_zone"),
            course_wide=read_bool(payload, "course_wide", default=False), capacity=payload.get("capacity"),
            link=read_text(payload, "link", events.LINK_MAX_LENGTH, min_length=0, required=False),
            host=read_text(payload, "host", 255, min_length=0, required=False) or None)
        self._publish(tracking.content_event(self._event_source, "created", event.thread.opening_post),
                      tracking.event_planned_event(self._event_source, event))
        return {"html": self._events_html(), "event_id": event.pk}

    @json_action(writes=True, access=phases.require_can_read)
    def rsvp(self, payload):
        """{event_id, answer: going|interested|not_going} -> {html}."""
        event = rsvp.answer(self.space, self.viewer, event_id=read_id(payload, "event_id"),
                            choice=read_choice(payload, "answer", set(RsvpAnswer.values)))
        self._publish(tracking.rsvp_event(self._event_source, event, payload["answer"]))
        return {"html": self._events_html()}

    @json_action(writes=False)
    def event_effect(self, payload):
        """What an event did to the buzz, against the other units: {event_id} -> {effect, html}."""
        measured = effect.of_event(self.space, self.viewer, read_id(payload, "event_id"))
        return {"effect": measured,
                "html": self._render("partials/event_effect.html", effect_view(measured, self.translator))}

    @json_action(writes=False)
    def course_page(self, payload):
        """The strategist's page: every community block of the course with its health, the course's coming events
        and its charter: {} -> {health, html}."""
        health = course_health(self.space, self.viewer, course_end=self.platform_course_end)
        return {"health": health, "html": self._render("staff/course_page.html", {
            "health": health, "calendar_url": self.runtime.handler_url(self, "event_calendar")})}

    @json_action(writes=True, access=phases.require_can_read)
    def accept_charter(self, payload):
        """The viewer accepts the course's community guidelines: {} -> {accepted}."""
        charter.accept(self.space, self.viewer)
        return {"accepted": True}

    @json_action(writes=True)
    def save_charter(self, payload):
        """Write the course's community guidelines (Markdown; empty removes them): {charter} -> {html}."""
        charter.save(self.space, self.viewer, read_text(payload, "charter", charter.BODY_MAX_LENGTH, min_length=0,
                                                        multiline=True))
        return {"html": self._charter_html()}

    def _charter_html(self):
        return self._render("partials/charter.html", {
            "charter": charter.of_course(self.community), "must_accept": charter.must_accept(self.space, self.viewer),
            "limits": {"charter": charter.BODY_MAX_LENGTH}})

    @XBlock.handler
    def event_calendar(self, request, suffix=""):
        """GET ?event_id=N: one event as an .ics file; without event_id, every event of the course (a feed)."""
        if request.method != "GET":
            return Response(status=405, headerlist=[("Allow", "GET")])
        now = timezone.now()
        try:
            if request.GET.get("event_id"):
                event = events.event_of(self.space, read_id(dict(request.GET), "event_id"))
                body, name = calendar.event_file(event, now, self._page_url()), f"event-{event.pk}.ics"
            else:
                body = calendar.course_feed(events.of_unit(self.community), self._calendar_name(), now,
                                            self._page_url())
                name = "course-events.ics"
        except CommunityError as refused:
            return Response(status=refused.status, content_type="text/plain", charset="utf-8",
                            body=refused.translated(self.translator.gettext).encode("utf-8"))
        response = Response(body=body, content_type=CALENDAR_TYPE, charset="utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def _events_html(self):
        now = timezone.now()
        listed = event_views(events.of_unit(self.community, upcoming_from=now, limit=SHOWN), self.viewer,
                          self.translator, now)
        for event in listed:
            event["ics_url"] = self.runtime.handler_url(self, "event_calendar", query=f"event_id={event['id']}")
        past = events.past_of_unit(self.community, now, SHOWN) if self.viewer.is_staff else []
        return self._render("partials/events.html", {
            "events": listed, "past": event_views(past, self.viewer, self.translator, now) if past else [],
            "effect_export_url": self.runtime.handler_url(self, "export_evaluation", query="format=events"),
            "rsvp_choices": RsvpAnswer.choices,
            "calendar_url": self.runtime.handler_url(self, "event_calendar"),
            "can_plan": self.viewer.is_staff, "kinds": EventKind.choices,
            "hosts": experts_named(self.community) if self.viewer.is_staff else [],
            "limits": {"title": EVENT_TITLE_MAX_LENGTH}})

    def _calendar_name(self):
        return f"{self.community.org} {self.community.course}"

    def _page_url(self):
        return self.community.page_url or ""
