"""What an event did to the buzz: the learners' activity in its unit over the 7 days before it, while it ran and
the 7 days after, against the other units of the course over the same days (the control: a course-wide rise,
an exam week, a holiday, shows there too).

Per period and side: posts, distinct participants, new participants (their first post in that unit falls in the
period), replies per active thread and the negative share (posts with a frustration signal, a flag, a confused or
found-an-error reaction: the bad-buzz detector's definition). The rate ratio compares posts per day during and
after with before, with its exact Poisson interval (``insights/rates.py``); an event "lifted" its unit when the
interval lies above 1 and above the control's ratio, "lowered" it in the mirror case. A course-wide event has no
control: every unit took part.

Learners only (the course team's posts, the event's own pinned opening among them, would measure the team), and
periods not over yet are measured up to now, with their elapsed days. Four queries, whatever the size of the course.
"""
from datetime import timedelta

from django.db.models import Case, Count, F, IntegerField, Min, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.conversations.threads import week_of
from community_xblock.core import permissions
from community_xblock.core.errors import Conflict
from community_xblock.gatherings.events import concerning, event_of
from community_xblock.insights.detectors.evidence import NEGATIVE_POSTS
from community_xblock.insights.rates import rate_ratio
from community_xblock.models import Community, Participant, Post

WINDOW = timedelta(days=7)
PERIODS = ("before", "during", "after")
COMPARED = ("during", "after")
UNIT, CONTROL = "unit", "control"
MEASURED_MOST = 50  # events per unit in an export or a report
MIN_DAYS = 1 / 24  # an hour: a period just begun is not divided by nothing


def periods(event, now):
    """{period: (start, end)} with ends clipped to ``now``; periods not begun are left out."""
    spans = {"before": (event.starts_at - WINDOW, event.starts_at), "during": (event.starts_at, event.ends_at),
             "after": (event.ends_at, event.ends_at + WINDOW)}
    return {name: (start, min(end, now)) for name, (start, end) in spans.items() if start < now}


def of_event(space, viewer, event_id, now=None):
    """The effect of an event of this unit or course, for the course team; 409 before it has started."""
    permissions.require_staff(viewer)
    effect = measure(event_of(space, event_id), now)
    if effect is None:
        raise Conflict(_("This event has not started yet: its effect is measured from its start."))
    return effect


def measure(event, now=None):
    """The effect of ``event`` (a dict, see the module's docstring), or None before it has started."""
    now = now or timezone.now()
    spans = periods(event, now)
    if "during" not in spans:
        return None
    units = list(Community.objects.filter(org=event.org, course=event.course).values_list("pk", flat=True))
    targets = units if event.community_id is None else [event.community_id]
    controls = [unit for unit in units if unit not in targets]
    figures = {UNIT: _figures(spans), CONTROL: _figures(spans) if controls else None}
    _count_posts(figures, targets, controls, spans)
    _count_newcomers(figures, targets, controls, spans)
    overall = {side: _finish(counts, spans) for side, counts in figures.items() if counts is not None}
    return {"event_id": event.pk, "title": event.title, "kind": event.kind,
            "course_wide": event.community_id is None, "control_units": len(controls),
            "periods": {name: {"start": start, "end": end, "days": _days(start, end)}
                        for name, (start, end) in spans.items()},
            "unit": figures[UNIT], "control": figures[CONTROL],
            "overall": overall, "verdict": _verdict(overall)}


def _figures(spans):
    return {name: {"posts": 0, "participants": 0, "new_participants": 0, "replies": 0, "threads": 0,
                   "negative": 0} for name in spans}


def _count_posts(figures, targets, controls, spans):
    """One grouped query: per side, per period, the counts (conditional aggregates over the whole span). The
    week bounds let the database use the posts' (community, week) index."""
    start, end = _span(spans)
    posts = Post.objects.filter(community_id__in=targets + controls, deleted=False, author_is_staff=False,
                                created_at__gte=start, created_at__lt=end,
                                week__gte=week_of(start), week__lte=week_of(end))
    aggregates = {}
    for name, (period_start, period_end) in spans.items():
        within = Q(created_at__gte=period_start, created_at__lt=period_end)
        aggregates.update({
            f"{name}_posts": Count("pk", filter=within),
            f"{name}_participants": Count("author_key", distinct=True, filter=within),
            f"{name}_replies": Count("pk", filter=within & Q(is_opening=False)),
            f"{name}_threads": Count("thread_id", distinct=True, filter=within),
            f"{name}_negative": Count("pk", filter=within & NEGATIVE_POSTS),
        })
    side = Case(When(community_id__in=targets, then=Value(1)), default=Value(0), output_field=IntegerField())
    for row in posts.annotate(side=side).values("side").annotate(**aggregates).order_by():
        counted = figures[UNIT if row["side"] else CONTROL]
        for name in spans:
            for measure_name in ("posts", "participants", "replies", "threads", "negative"):
                counted[name][measure_name] = row[f"{name}_{measure_name}"]


def _count_newcomers(figures, targets, controls, spans):
    """People whose first post in the side's units falls in a period (the aggregates keep each person's first
    post per unit; a person new to two control units counts once)."""
    start, end = _span(spans)
    for side, units in ((UNIT, targets), (CONTROL, controls)):
        if not units or figures[side] is None:
            continue
        firsts = (Participant.objects.filter(community_id__in=units, posts__gt=F("staff_posts"))
                  .values("user_key").annotate(first=Min("first_post_at"))
                  .filter(first__gte=start, first__lt=end).values_list("first", flat=True))
        for first in firsts:
            for name, (period_start, period_end) in spans.items():
                if period_start <= first < period_end:
                    figures[side][name]["new_participants"] += 1


def _finish(side, spans):
    """Rates and shares of each period; the rate ratios of during and after against before. Returns the ratio of
    everything since the start (during and after together) against before: what the verdict reads."""
    before_days = _days(*spans["before"])
    for name, counts in side.items():
        days = _days(*spans[name])
        counts["posts_per_day"] = round(counts["posts"] / days, 2)
        counts["replies_per_thread"] = round(counts["replies"] / counts["threads"], 2) if counts["threads"] else 0
        counts["negative_share"] = round(counts["negative"] / counts["posts"], 3) if counts["posts"] else 0
        if name in COMPARED:
            counts["rate_ratio"] = _ratio(counts["posts"], days, side["before"]["posts"], before_days)
    since = [name for name in COMPARED if name in side]
    return _ratio(sum(side[name]["posts"] for name in since), sum(_days(*spans[name]) for name in since),
                  side["before"]["posts"], before_days)


def _ratio(posts, days, before_posts, before_days):
    ratio = rate_ratio(posts, days, before_posts, before_days)
    return {"ratio": _rounded(ratio.ratio), "low": _rounded(ratio.low), "high": _rounded(ratio.high),
            "rose": ratio.rose, "fell": ratio.fell}


def _verdict(overall):
    """"lifted" when the unit's interval since the start lies above 1 and above the control's ratio, "lowered" in
    the mirror case, else "unclear". Without a control (a course-wide event, a one-unit course, or other units
    silent throughout) the interval is read against 1 alone; a control that wrote nothing before and something
    since rose without bound, so nothing rose more."""
    unit, control = overall[UNIT], overall.get(CONTROL)
    if control is not None and control["ratio"] is None and control["low"] is not None:
        return "lowered" if unit["fell"] else "unclear"
    reference = control["ratio"] if control is not None else None
    if unit["rose"] and (reference is None or unit["low"] > reference):
        return "lifted"
    if unit["fell"] and (reference is None or unit["high"] < reference):
        return "lowered"
    return "unclear"


def _span(spans):
    return min(start for start, _end in spans.values()), max(end for _start, end in spans.values())


def _days(start, end):
    return max(MIN_DAYS, (end - start).total_seconds() / 86400)


def _rounded(value):
    return None if value is None else round(value, 2)


def of_unit(community, now=None):
    """The effect of every event of this unit (and every course-wide one) that has started, the latest first:
    what the exports and ``community_report`` give."""
    now = now or timezone.now()
    started = concerning(community).filter(starts_at__lt=now).order_by("-starts_at", "-pk")[:MEASURED_MOST]
    return [measure(event, now) for event in started]


EXPORT_COLUMNS = ["event_id", "title", "kind", "course_wide", "verdict", "period", "side", "start", "end", "days",
                  "posts", "posts_per_day", "participants", "new_participants", "replies_per_thread",
                  "negative_share", "rate_ratio", "rate_ratio_low", "rate_ratio_high"]


def export_rows(effects):
    """One row per event, period and side (``unit``, ``control``), in EXPORT_COLUMNS order."""
    for measured in effects:
        for period, span in measured["periods"].items():
            for side in (UNIT, CONTROL):
                counts = (measured[side] or {}).get(period)
                if counts is None:
                    continue
                ratio = counts.get("rate_ratio") or {}
                yield [measured["event_id"], measured["title"], measured["kind"], measured["course_wide"],
                       measured["verdict"], period, side, span["start"].isoformat(), span["end"].isoformat(),
                       round(span["days"], 3), counts["posts"], counts["posts_per_day"], counts["participants"],
                       counts["new_participants"], counts["replies_per_thread"], counts["negative_share"],
                       ratio.get("ratio"), ratio.get("low"), ratio.get("high")]
