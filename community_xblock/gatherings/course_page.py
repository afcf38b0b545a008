"""The strategist's course page: every community block of the course with its health, the course's upcoming
events and its charter, from stored aggregates in a fixed number of queries whatever the number of units and
posts (the units, their unit and week rows, open alerts, experts, events, the charter).

Each unit's prompt and scheduled prompts come from the copy on its Community row (``prompts.record``): the
block's own settings live in the modulestore, which one block cannot read for the others.

Health per unit: posts this week against last week (the activity trend), unanswered questions, open alerts,
the negative share of its posts (frustration signals, open flags, confused and found-an-error reactions, as
the bad-buzz detector counts them), and the community experts promoted from it.
"""
from datetime import UTC, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from community_xblock.conversations.threads import week_of
from community_xblock.core import permissions
from community_xblock.gatherings import charter, prompts
from community_xblock.insights.evaluation import course_units
from community_xblock.models import (
    ActivityTally,
    Alert,
    AlertStatus,
    CharterAcceptance,
    CommunityExpert,
    Event,
    TallyScope,
)

NEGATIVE_COLUMNS = ("sig_frustration", "flags", "confused", "found_error")
EVENTS_SHOWN = 20


def course_health(space, viewer, now=None, course_end=None):
    """``course_end``: the viewing run's end as the platform knows it (units of a course share it; each unit's
    own ``course_end`` setting stands in where it is unknown)."""
    permissions.require_staff(viewer)
    community, now = space.community, now or timezone.now()
    units, totals = course_units(community)
    this_week = datetime.combine(week_of(now), time.min, tzinfo=UTC)  # as the week rows start (facts.week_start)
    weeks = {}
    for row in ActivityTally.objects.filter(community__in=units, scope=TallyScope.WEEK,
                                            start__in=[this_week, this_week - timedelta(weeks=1)]):
        weeks[(row.community_id, row.start == this_week)] = row.posts
    alerts = dict(Alert.objects.filter(community__in=units).exclude(status=AlertStatus.RESOLVED)
                  .values("community_id").annotate(n=Count("pk")).values_list("community_id", "n"))
    experts = dict(CommunityExpert.objects.filter(org=community.org, course=community.course)
                   .values("community_id").annotate(n=Count("pk")).values_list("community_id", "n"))
    return {
        "units": [_unit_health(unit, community, total=totals.get(unit.pk), weeks=weeks, alerts=alerts,
                               experts=experts, now=now, course_end=course_end) for unit in units],
        "experts": sum(experts.values()),
        "events": _events(community, units, now),
        "charter": _charter(community),
    }


def _unit_health(unit, here, *, total, weeks, alerts, experts, now, course_end):
    posts = total.posts if total else 0
    negative = sum(getattr(total, column) for column in NEGATIVE_COLUMNS) if total else 0
    this, last = weeks.get((unit.pk, True), 0), weeks.get((unit.pk, False), 0)
    return {
        "id": unit.pk, "name": unit.display_name or unit.block_id, "this_unit": unit.pk == here.pk,
        "posts": posts, "this_week": this, "last_week": last,
        "trend": "up" if this > last else "down" if this < last else "flat",
        "unanswered": (total.questions - total.answered) if total else 0,
        "open_alerts": alerts.get(unit.pk, 0),
        "negative_percent": round(100 * negative / posts) if posts else 0,
        "experts": experts.get(unit.pk, 0),
        **prompts.schedule_today(unit.prompts or {}, course_end, now),
    }





def _events(community, units, now):
    names = {unit.pk: unit.display_name or unit.block_id for unit in units}
    return [{"id": event.pk, "title": event.title, "kind": event.kind, "starts_at": event.starts_at,
             "time_zone": event.time_zone, "unit": names.get(event.community_id), "going": event.going,
             "capacity": event.capacity}
            for event in Event.objects.filter(org=community.org, course=community.course, cancelled=False,
                                              ends_at__gt=now).order_by("starts_at", "pk")[:EVENTS_SHOWN]]


def _charter(community):
    current = charter.of_course(community)
    if current is None:
        return None
    return {"version": current.version, "updated_at": current.updated_at,
            "accepted": CharterAcceptance.objects.filter(org=community.org, course=community.course).count()}
