"""What the page shows of the events: the banner ("starts in 2 hours", "happening now") and each upcoming event
with its time in its own zone, its places and the viewer's answer. Plain data, for the templates and the JSON
answers alike."""
from zoneinfo import ZoneInfo

from django.utils import formats, timezone, translation
from django.utils.translation import gettext_noop as _

from community_xblock.insights import charts
from community_xblock.insights.rates import CONFIDENCE
from community_xblock.models import EventKind, Rsvp

BANNER_AHEAD_HOURS = 24  # an event shows as "starts in N hours" from this close
SHOWN = 5


def event_view(event, answer, now, translator, viewer_key=None):
    zone = ZoneInfo(event.time_zone)
    return {
        "id": event.pk, "kind": event.kind, "kind_label": translator.gettext(EventKind(event.kind).label),
        "title": event.title, "description_html": event.description_html, "host": event.host_name,
        "starts_at": event.starts_at, "ends_at": event.ends_at, "time_zone": event.time_zone,
        "starts_local": event.starts_at.astimezone(zone), "ends_local": event.ends_at.astimezone(zone),
        "course_wide": event.community_id is None, "link": event.link,
        "going": event.going, "interested": event.interested, "capacity": event.capacity,
        "places_left": None if event.capacity is None else max(0, event.capacity - event.going),
        "answer": answer, "thread_id": event.thread_id, "started": event.starts_at < now,
        "banner": banner(event, now, translator),
        "you_host": bool(viewer_key) and viewer_key == event.host_key,
    }


def local_time(event, language):
    """The event's start as ``language`` writes a date and time (Django's formats), in the event's own zone,
    which it names: "4 mars 2026 18:00 (Europe/Paris)"."""
    with translation.override(language):
        shown = formats.date_format(event.starts_at.astimezone(ZoneInfo(event.time_zone)), "DATETIME_FORMAT")
    return f"{shown} ({event.time_zone})"


def reminder_title(event, translator):
    return translator.gettext("Reminder: “%(title)s” starts at %(time)s") % {
        "title": event.title, "time": local_time(event, translator.language)}


def public_host(event, translator):
    """The host as messages leaving the course name them: staff by name, a learner (a community expert) not."""
    if event.host_key == event.created_by:
        return event.host_name
    return translator.gettext("a community expert of the course")


def banner(event, now, translator):
    """"Happening now", "Starts in N hours" within BANNER_AHEAD_HOURS, or "" (further off, or over)."""
    if event.starts_at <= now < event.ends_at:
        return translator.gettext("Happening now")
    hours = (event.starts_at - now).total_seconds() / 3600
    if 0 < hours <= BANNER_AHEAD_HOURS:
        whole = max(1, round(hours))
        return translator.ngettext("Starts in %(hours)s hour", "Starts in %(hours)s hours", whole) % {"hours": whole}
    return ""


def event_views(events, viewer, translator, now=None):
    """The views of ``events`` (a few: the soonest upcoming, the latest past) with the viewer's answers, in one
    query more."""
    now = now or timezone.now()
    answers = {}
    if viewer.is_authenticated and events:
        answers = dict(Rsvp.objects.filter(event__in=events, user_key=viewer.user_key)
                       .values_list("event_id", "answer"))
    return [event_view(event, answers.get(event.pk), now, translator, viewer.user_key) for event in events]


PERIOD_LABELS = {"before": _("The 7 days before"), "during": _("During the event"), "after": _("The 7 days after")}
SIDE_LABELS = {"unit": _("This unit"), "control": _("Other units")}


MEASURES = (("posts", _("Posts")), ("posts_per_day", _("Posts per day")), ("participants", _("Participants")),
            ("new_participants", _("New participants")), ("replies_per_thread", _("Replies per thread")),
            ("negative_share", _("Negative share")),
            ("rate_ratio", _("Rate ratio to the week before (%(level)s%% interval)")))


def effect_view(effect, translator):
    """The measured effect (``effect.measure``) as the staff view shows it: for this unit and for the control, a
    table with a row per measure and a column per period (narrow enough for a phone), a chart of posts per day,
    and the verdict in words."""
    gettext = translator.gettext
    periods = list(effect["periods"])
    sides = []
    for side in ("unit", "control"):
        counts = effect[side]
        if counts is None:
            continue
        sides.append({"key": side, "label": gettext(SIDE_LABELS[side]), "rows": [
            {"measure": gettext(label) % {"level": round(100 * CONFIDENCE)},
             "values": [_shown(name, counts[period], translator) for period in periods]}
            for name, label in MEASURES]})
    chart = charts.bar_chart(
        gettext("Posts per day around the event"),
        gettext("Learners' posts per day before, during and after the event, in this unit and in the other units "
                "of the course; the tables below give the same numbers."),
        [(f"{gettext(PERIOD_LABELS[period])} · {gettext(SIDE_LABELS[side['key']])}",
          effect[side["key"]][period]["posts_per_day"]) for side in sides for period in periods])
    return {"effect": effect, "periods": [gettext(PERIOD_LABELS[period]) for period in periods], "sides": sides,
            "chart": chart, "verdict": _verdict_text(effect, translator)}


def _shown(measure, counts, translator):
    if measure == "rate_ratio":
        return _ratio_text(counts.get("rate_ratio"), translator) or "—"
    if measure == "negative_share":
        return translator.gettext("%(percent)s%%") % {"percent": round(100 * counts["negative_share"])}
    return counts[measure]


def _ratio_text(ratio, translator):
    if ratio is None:
        return ""
    if ratio["ratio"] is None:
        if ratio["low"] is None:
            return translator.gettext("no posts in either period")
        return translator.gettext("none before; at least %(low)s times") % {"low": ratio["low"]}
    high = "∞" if ratio["high"] is None else ratio["high"]
    return translator.gettext("%(ratio)s (%(low)s to %(high)s)") % {**ratio, "high": high}


def _verdict_text(effect, translator):
    """The verdict in words, then what the other units did over the same days (or that there are none)."""
    gettext, overall = translator.gettext, effect["overall"]
    if effect["verdict"] == "lifted":
        text = gettext("The event lifted the buzz: since it started, learners post %(ratio)s times as much as the "
                       "week before (%(level)s%% interval %(low)s to %(high)s).")
    elif effect["verdict"] == "lowered":
        text = gettext("Learners have posted less since the event started: %(ratio)s times the week before "
                       "(%(level)s%% interval %(low)s to %(high)s).")
    else:
        text = gettext("No clear change yet: the activity since the event started is within chance of the week "
                       "before, or the rest of the course moved as much.")
    sentences = [text % {**_written(overall["unit"]), "level": round(100 * CONFIDENCE)}]
    if overall.get("control") is None:
        sentences.append(gettext("There is no other unit to compare with: the event was for the whole course, or "
                                 "the course has no other community."))
    else:
        sentences.append(gettext("The other units of the course, over the same days: %(ratio)s times their week "
                                 "before.") % _written(overall["control"]))
    return " ".join(sentences)


def _written(ratio):
    """A ratio's figures as the sentences write them: no bound is "∞", no figure at all "—"."""
    return {"ratio": "—" if ratio["ratio"] is None and ratio["low"] is None else
            "∞" if ratio["ratio"] is None else ratio["ratio"],
            "low": "—" if ratio["low"] is None else ratio["low"],
            "high": "∞" if ratio["high"] is None else ratio["high"]}
