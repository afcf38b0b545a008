"""Alerts kept: raised once per situation, joined by the posts that follow, acknowledged and resolved by staff.

An alert is one situation: a detector that fires again while it is current (not resolved, and not quiet for
longer than its kind's ``QUIET_AFTER``) adds its posts to it; once it went quiet, the next firing is a new
situation and a new alert (the quiet one stays in the list until staff resolve it). Firing serialises on the community's
DetectorState row (it is rare, and two writers must neither open the same alert twice nor each miss the other's
post); joining moves counters with ``F()``.
"""
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core import permissions
from community_xblock.core.errors import Conflict, NotFound
from community_xblock.delivery import webhooks
from community_xblock.models import Alert, AlertKind, AlertPost, AlertStatus, DetectorState

CURRENT = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)
POSTS_SHOWN = 8  # an alert's posts the panel shows
MAX_ID = 2**62  # above every id: "no limit" for an alert with fewer posts than it shows
LISTED = 20
QUIET_AFTER = {AlertKind.BAD_BUZZ: timedelta(hours=6), AlertKind.ERROR_SPREAD: timedelta(days=3),
               AlertKind.UNANSWERED: timedelta(days=7)}


def current_of(community, kinds, anchor_id, now):
    """{kind: its current alert about ``anchor_id``} for ``kinds``, in one query (see ``current``)."""
    found = {}
    for alert in Alert.objects.filter(community=community, kind__in=kinds, anchor_id=anchor_id,
                                      status__in=CURRENT).order_by("-fired_at"):
        if alert.kind not in found:
            found[alert.kind] = alert
    return {kind: alert for kind, alert in found.items() if _joinable(alert, now)}


def _joinable(alert, now):
    return bool(alert.erratum_at) or now - alert.last_seen_at <= QUIET_AFTER[alert.kind]


def current(community, kind, anchor_id, now):
    """The alert of ``kind`` about ``anchor_id`` that new posts join: not resolved, and either followed by an
    erratum (it tracks whether reports stop) or joined within ``QUIET_AFTER`` (a situation quiet that long is
    over: the next one raises an alert of its own)."""
    return current_of(community, [kind], anchor_id, now).get(kind)


def serialise(community):
    """Lock the community's DetectorState row until the write commits (creating it the first time). A
    detector takes it before its bounded read of the window's posts, once its figures are unusual: writers that
    fire at the same moment then read one after the other, and the last of them sees every post the others
    wrote (committed before they let go). Returns the row."""
    state = DetectorState.objects.select_for_update().filter(community=community).first()
    if state is not None:
        return state
    try:
        with transaction.atomic():
            return DetectorState.objects.create(community=community)
    except IntegrityError:  # a concurrent writer created it first
        return DetectorState.objects.select_for_update().get(community=community)


def raise_or_join(community, kind, anchor_id, now, posts, *, detail, locked=False):
    """Open an alert of ``kind`` about ``anchor_id`` (or join the current one) with ``posts``: (id, created_at)
    pairs. ``detail()`` gives the figures of a new alert; ``locked``: the caller holds ``serialise`` already.
    Returns the Alert."""
    if not locked:
        serialise(community)
    alert = current(community, kind, anchor_id, now)
    joined = join(alert, posts, now) if alert is not None else None
    if joined is None:  # none current, or staff resolved it a moment ago: the situation is a new one
        alert = Alert.objects.create(community=community, kind=kind, anchor_id=anchor_id, fired_at=now,
                                     last_seen_at=now, detail=detail())
        webhooks.alert_raised(alert)
        joined = join(alert, posts, now)
    return joined


def join(alert, posts, now, fresh=False):
    """Add ``posts`` ((id, created_at) pairs) to ``alert``, once each; ``fresh``: written by this very
    transaction, so no alert knows them yet. Returns the alert, or None when staff resolved it meanwhile.

    Staff decide on an alert (and publish its erratum) under the alert's own row lock, and the caller may have
    read the alert before: the update holds only while the alert is still current, and a report counts as after
    the erratum by the erratum the row has when it joins. Posts that are not ``fresh`` need the firing lock
    (two writers must not add the same post)."""
    known = set() if fresh else set(AlertPost.objects.filter(alert=alert, post_id__in=[pk for pk, _at in posts])
                                    .values_list("post_id", flat=True))
    new = [pk for pk, _at in posts if pk not in known]
    if not new:
        return alert
    last_seen = max(now, alert.last_seen_at)
    if not Alert.objects.filter(pk=alert.pk, status__in=CURRENT).update(
            post_count=F("post_count") + len(new), last_seen_at=last_seen,
            reports_after=F("reports_after") + Case(When(erratum_at__isnull=False, then=Value(len(new))),
                                                    default=Value(0))):
        return None
    AlertPost.objects.bulk_create([AlertPost(alert=alert, post_id=pk, joined_at=now) for pk in new])
    alert.post_count += len(new)
    alert.last_seen_at = last_seen
    return alert


def alert_for(space, viewer, alert_id, for_update=False):
    """A staff member's alert of this community (404 for another community's or an unknown id)."""
    permissions.require_staff(viewer)
    alerts = Alert.objects.select_related("anchor")
    if for_update:
        alerts = alerts.select_for_update()
    alert = alerts.filter(pk=alert_id, community=space.community).first()
    if alert is None:
        raise NotFound(_("This alert does not exist in this community."))
    return alert


def current_alert_for(space, viewer, alert_id, for_update=False):
    """As ``alert_for``, refused (409) once the alert is resolved: what acting on an alert needs."""
    alert = alert_for(space, viewer, alert_id, for_update=for_update)
    if alert.status == AlertStatus.RESOLVED:
        raise Conflict(_("This alert is already resolved."))
    return alert


def decide(space, viewer, alert_id, status):
    """Acknowledge (seen, being handled) or resolve an alert. Returns it."""
    alert = current_alert_for(space, viewer, alert_id, for_update=True)
    if alert.status == status:
        return alert
    alert.status, alert.decided_by, alert.decided_at = status, viewer.user_key, timezone.now()
    alert.save(update_fields=["status", "decided_by", "decided_at"])
    return alert


def open_count(community):
    return open_count_in([community.pk])


def open_count_in(community_ids):
    """The alerts not yet acknowledged in these communities (a course's units), in one count."""
    return Alert.objects.filter(community_id__in=community_ids, status=AlertStatus.OPEN).count() if community_ids else 0


def listed(community):
    """The current alerts (newest first), then the latest resolved ones, each with its first posts: the first
    ``POSTS_SHOWN`` that joined it, read through the alert's index (however many posts an alert holds)."""
    current_alerts = list(Alert.objects.filter(community=community, status__in=CURRENT)
                          .select_related("anchor").order_by("-fired_at")[:LISTED])
    resolved = list(Alert.objects.filter(community=community, status=AlertStatus.RESOLVED)
                    .select_related("anchor").order_by("-fired_at")[:LISTED // 2])
    every = current_alerts + resolved
    last_shown = AlertPost.objects.filter(alert=OuterRef("alert")).order_by("pk").values("pk")[
        POSTS_SHOWN - 1:POSTS_SHOWN]
    links = AlertPost.objects.filter(alert__in=every, pk__lte=Coalesce(Subquery(last_shown), Value(MAX_ID))) \
        .select_related("post", "post__thread")
    posts = {alert.pk: [] for alert in every}
    for link in links:
        posts[link.alert_id].append(link.post)
    for found in posts.values():
        found.sort(key=lambda post: (post.created_at, post.pk))
    return [(alert, posts[alert.pk]) for alert in every]


def report_rows(community):
    """``community_report``'s ``alerts``: every alert, oldest first, its posts by source id where they have one."""
    alerts = list(Alert.objects.filter(community=community).select_related("anchor").order_by("fired_at", "pk"))
    posts = {alert.pk: [] for alert in alerts}
    for alert_id, source_id, post_id in AlertPost.objects.filter(alert__community=community) \
            .order_by("post__created_at", "post_id").values_list("alert_id", "post__source_id", "post_id"):
        posts[alert_id].append(source_id or post_id)
    return [{"kind": alert.kind, "component": alert.component_name, "fired_at": alert.fired_at.isoformat(),
             "status": alert.status, "post_count": alert.post_count, "detail": alert.detail,
             "erratum_at": alert.erratum_at.isoformat() if alert.erratum_at else None,
             "reports_before": alert.reports_before, "reports_after": alert.reports_after,
             "posts": posts[alert.pk]} for alert in alerts]
