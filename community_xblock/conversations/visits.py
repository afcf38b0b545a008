"""'New since your last visit': when was this learner last here before the visit they are on now?

A visit lasts while the learner keeps coming back (a page, a click, a post) within ``VISIT_GAP`` of the last
time they were seen. The baseline for "new" marks is the moment the previous visit ended, and it holds for
the whole of the current visit, however long the learner stays: reading does not wipe the marks.

``seen_at`` is the last time the learner was seen (moved at most once per ``TOUCH_EVERY``, so a busy learner
costs one read per request and rarely a write); ``previous_seen_at`` is the baseline of the current visit.
"""
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from community_xblock.aggregates.changes import visitor_arrived
from community_xblock.models import Visit

VISIT_GAP = timedelta(minutes=30)
TOUCH_EVERY = timedelta(minutes=1)


def record_visit(community, viewer, now=None):
    """Note that the viewer is here; returns the "new since" baseline (None on a first visit)."""
    if not viewer.is_authenticated:
        return None
    if viewer.masquerading:
        # Staff viewing as this learner see her baseline but must not move it (nor count as a visitor).
        return Visit.objects.filter(community=community, user_key=viewer.user_key).values_list(
            "previous_seen_at", flat=True).first()
    now = now or timezone.now()
    visit = Visit.objects.filter(community=community, user_key=viewer.user_key).first()
    if visit is None:
        try:
            with transaction.atomic():
                Visit.objects.create(community=community, user_key=viewer.user_key, seen_at=now)
                visitor_arrived(community.pk)
        except IntegrityError:
            pass  # a parallel request of the same learner recorded it
        return None
    away = now - visit.seen_at
    if away > VISIT_GAP:
        # A new visit: the previous one ended when they were last seen. The condition on seen_at lets one of
        # two parallel requests start it; both answer the same baseline.
        Visit.objects.filter(pk=visit.pk, seen_at=visit.seen_at).update(previous_seen_at=visit.seen_at, seen_at=now)
        return visit.seen_at
    if away > TOUCH_EVERY:
        Visit.objects.filter(pk=visit.pk, seen_at__lt=now).update(seen_at=now)
    return visit.previous_seen_at
