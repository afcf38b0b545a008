"""Errata: the course team's correction of an error learners found, shown where the error is discussed.

An erratum is about a component (or the unit's own conversations). It shows at the top of the space and pinned
on every conversation about that component and on the threads behind its alert; the followers of those threads
hear of it as a response from the course team in each of them (what following a thread already brings them).
Publishing marks the alert: from then on it counts the reports that still come (before/after). A bad buzz gets
a note instead: a conversation from the course team, pinned (``pin_note``).
"""
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.conversations import threads
from community_xblock.core import permissions
from community_xblock.core.errors import Conflict, NotFound
from community_xblock.insights.detectors.alerts import current_alert_for
from community_xblock.models import AlertKind, AlertPost, AlertStatus, Erratum, Thread
from community_xblock.moderation.actions import pinned_note
from community_xblock.platform.components import UnitComponent

BODY_MAX_LENGTH = 5_000
THREADS_ANSWERED = 20  # the alert's threads that get the erratum as a response, at most
SHOWN = 5


def publish(space, viewer, *, alert_id, body, now=None):
    """Publish a correction for an error-spread alert. Returns the Erratum and the replies it posted."""
    now = now or timezone.now()
    body_html = threads.rendered_body(body)
    with transaction.atomic():
        alert = current_alert_for(space, viewer, alert_id)
        if alert.kind != AlertKind.ERROR_SPREAD:
            raise Conflict(_("Only an alert about a possible error takes an erratum."))
        # The replies first: every writer to a thread locks the thread before anything else (the detectors'
        # lock, an alert's row), and so does this one; the alert's row is locked last.
        replies = [threads.reply(space, viewer, thread_id=thread_id, body=body, now=now)
                   for thread_id in _alert_threads(alert)]
        alert = current_alert_for(space, viewer, alert_id, for_update=True)
        erratum = Erratum.objects.create(community=space.community, anchor_id=alert.anchor_id, alert=alert,
                                         body=body, body_html=body_html, author_key=viewer.user_key,
                                         author_name=viewer.username, created_at=now)
        if alert.erratum_at is None:  # a second erratum keeps the first one's before and after
            alert.erratum_at, alert.reports_before, alert.reports_after = now, alert.post_count, 0
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.decided_by, alert.decided_at = viewer.user_key, now
        alert.save(update_fields=["erratum_at", "reports_before", "reports_after", "status", "decided_by",
                                  "decided_at"])
    return erratum, replies


def _alert_threads(alert):
    """The open threads behind the alert, oldest first (closed ones keep the pinned erratum only)."""
    thread_ids = AlertPost.objects.filter(alert=alert).order_by("post__thread_id") \
        .values_list("post__thread_id", flat=True).distinct()
    return list(Thread.objects.filter(pk__in=list(thread_ids), closed=False, deleted=False)
                .order_by("created_at").values_list("pk", flat=True)[:THREADS_ANSWERED])


def withdraw(space, viewer, *, erratum_id):
    permissions.require_staff(viewer)
    erratum = Erratum.objects.filter(pk=erratum_id, community=space.community).first()
    if erratum is None:
        raise NotFound(_("This erratum does not exist in this community."))
    Erratum.objects.filter(pk=erratum.pk).update(withdrawn=True)
    return erratum


def in_space(community):
    """The errata shown at the top of the space, newest first."""
    return list(Erratum.objects.filter(community=community, withdrawn=False).select_related("anchor")
                .order_by("-created_at")[:SHOWN])


def on_thread(thread):
    """The errata pinned on a conversation: about its component, or published from an alert it is behind."""
    about = Q(anchor_id=thread.anchor_id) if thread.anchor_id else Q(anchor__isnull=True)
    return list(Erratum.objects.filter(about | Q(alert__links__post__thread_id=thread.pk),
                                       community_id=thread.community_id, withdrawn=False)
                .select_related("anchor").distinct().order_by("-created_at")[:SHOWN])


def pin_note(space, viewer, *, alert_id, title, body):
    """A bad-buzz remedy: a conversation from the course team about the alert's component, pinned on top.
    Returns the Thread."""
    anchor = current_alert_for(space, viewer, alert_id).anchor
    component = UnitComponent(anchor.usage_key, anchor.display_name, anchor.category) if anchor else None
    return pinned_note(space, viewer, title=title, body=body, anchor=component)
