"""What the staff's alert panel shows: each alert with the figures that fired it in words, its posts, its errata
and the remedies it offers; and the "needs the course team" queue. Plain data: the JSON answer and the template
read the same."""
from collections import defaultdict

from django.utils import timezone

from community_xblock.conversations.presenters import excerpt
from community_xblock.core import permissions
from community_xblock.insights.detectors import alerts, buzz, unanswered
from community_xblock.models import TITLE_MAX_LENGTH, AlertKind, AlertStatus, Erratum

WAITING_SHOWN = 20
REMEDY_SLOW_MODE = {"minutes": 10, "hours": 6}  # one of the slow-mode form's choices (conversations/pace.py)


def panel(space, viewer, translator, now=None):
    permissions.require_staff(viewer)
    community, now = space.community, now or timezone.now()
    waiting, waiting_count = unanswered.needing_the_team(community, now, WAITING_SHOWN)
    listed = alerts.listed(community)
    errata_of = defaultdict(list)
    for erratum in Erratum.objects.filter(alert__in=[alert for alert, _posts in listed], withdrawn=False) \
            .order_by("created_at"):
        errata_of[erratum.alert_id].append(erratum)
    return {
        "alerts": [present(alert, posts, translator, errata_of.get(alert.pk, ())) for alert, posts in listed],
        "open_count": alerts.open_count(community),
        "waiting": [{"thread_id": thread.pk, "title": thread.title, "kind": thread.kind,
                     "component": thread.anchor.display_name if thread.anchor_id else None,
                     "created_at": thread.created_at,
                     "age": translator.gettext("unanswered for more than %(hours)s hours") % {
                         "hours": unanswered.age_band(thread.created_at, now)}}
                    for thread in waiting],
        "waiting_count": waiting_count,
        "remedy_slow": REMEDY_SLOW_MODE,
        "title_max_length": TITLE_MAX_LENGTH,
    }


def present(alert, posts, translator, errata=()):
    gettext = translator.gettext
    component = alert.component_name
    return {
        "id": alert.pk,
        "kind": alert.kind,
        "title": alert_title(alert, gettext),
        "component": component,
        "status": alert.status,
        "status_label": gettext(AlertStatus(alert.status).label),
        "current": alert.status != AlertStatus.RESOLVED,
        "fired_at": alert.fired_at,
        "last_seen_at": alert.last_seen_at,
        "why": alert_why(alert, translator),
        "post_count": alert.post_count,
        "posts": [{"id": post.pk, "thread_id": post.thread_id, "thread_title": post.thread.title,
                   "author": post.author_name, "created_at": post.created_at, "excerpt": excerpt(post.body),
                   "thread_closed": post.thread.closed, "source_id": post.source_id} for post in posts],
        "threads": _threads(posts),
        "erratum_at": alert.erratum_at,
        "before_after": _before_after(alert, translator.ngettext) if alert.erratum_at else "",
        "errata": [{"id": erratum.pk, "excerpt": excerpt(erratum.body), "created_at": erratum.created_at}
                   for erratum in errata],
        "takes_erratum": alert.kind == AlertKind.ERROR_SPREAD,
        "takes_remedies": alert.kind == AlertKind.BAD_BUZZ,
    }


def alert_title(alert, gettext):
    component = alert.component_name
    if alert.kind == AlertKind.ERROR_SPREAD:
        return (gettext("Possible error in %(component)s") % {"component": component} if component
                else gettext("Possible error in this unit"))
    if alert.kind == AlertKind.BAD_BUZZ:
        return (gettext("Bad buzz about %(component)s") % {"component": component} if component
                else gettext("Bad buzz in this unit"))
    return (gettext("Unanswered questions about %(component)s") % {"component": component} if component
            else gettext("Unanswered questions in this unit"))


def alert_why(alert, translator, with_theme=True):
    """The figures behind the alert, as sentences the community manager can check (the shared theme is
    learners' words: chat messages carry it only where the course team allowed excerpts)."""
    detail, ngettext = alert.detail, translator.ngettext
    if alert.kind == AlertKind.BAD_BUZZ:
        observed, learners = detail.get("observed", 0), detail.get("learners", 0)
        return " ".join([
            ngettext("%(observed)s sign of negativity in %(hours)s hours (frustration, flags, confused or error "
                     "reactions) where %(expected)s were expected from the past week.",
                     "%(observed)s signs of negativity in %(hours)s hours (frustration, flags, confused or error "
                     "reactions) where %(expected)s were expected from the past week.", observed) % {
                "observed": observed, "hours": buzz.WINDOW_HOURS, "expected": detail.get("expected", 0)},
            ngettext("They came from %(learners)s learner.", "They came from %(learners)s learners.",
                     learners) % {"learners": learners}])
    if alert.kind == AlertKind.ERROR_SPREAD:
        learners, errors = detail.get("learners", 0), detail.get("error_learners", 0)
        sentences = [
            ngettext("%(learners)s learner reported an error or confusion within %(hours)s hours.",
                     "%(learners)s learners reported an error or confusion within %(hours)s hours.", learners) % {
                "learners": learners, "hours": detail.get("window_hours", 0)},
            ngettext("%(errors)s of them reported an error.", "%(errors)s of them reported an error.", errors) % {
                "errors": errors}]
        if detail.get("theme") and with_theme:
            sentences.append(translator.gettext("Shared theme: “%(theme)s”.") % {"theme": detail["theme"]})
        return " ".join(sentences)
    return ngettext("%(questions)s question got no answer within %(hours)s hours.",
                    "%(questions)s questions got no answer within %(hours)s hours.",
                    alert.post_count) % {"questions": alert.post_count, "hours": detail.get("hours", 0)}


def _before_after(alert, ngettext):
    before, after = alert.reports_before, alert.reports_after
    return " ".join([
        ngettext("Before the erratum: %(count)s report.", "Before the erratum: %(count)s reports.", before) % {
            "count": before},
        ngettext("Since: %(count)s report.", "Since: %(count)s reports.", after) % {"count": after}])


def _threads(posts):
    """The alert's conversations, once each: what "close a conversation" offers."""
    seen, threads = set(), []
    for post in posts:
        if post.thread_id not in seen:
            seen.add(post.thread_id)
            threads.append({"id": post.thread_id, "title": post.thread.title, "closed": post.thread.closed})
    return threads
