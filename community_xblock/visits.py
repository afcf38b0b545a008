"""'New since your last visit': when did this learner last come to this community?

A visit lasts while the learner keeps coming back within ``VISIT_GAP``; the baseline for "new" marks is the
start of the previous visit, so reloading the page or opening a thread does not wipe the marks.
"""
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Visit

VISIT_GAP = timedelta(minutes=30)


def record_visit(community, viewer, now=None):
    """Note that the viewer is here; returns the "new since" baseline (None on a first visit)."""
    if not viewer.is_authenticated:
        return None
    now = now or timezone.now()
    visit = Visit.objects.filter(community=community, user_key=viewer.user_key).first()
    if visit is None:
        try:
            with transaction.atomic():
                Visit.objects.create(community=community, user_key=viewer.user_key, seen_at=now)
        except IntegrityError:
            pass  # a parallel request of the same learner recorded it
        return None
    if _visit_over(visit, now):
        Visit.objects.filter(pk=visit.pk).update(previous_seen_at=visit.seen_at, seen_at=now)
    return _baseline(visit, now)


def new_since(community, viewer):
    """The baseline without recording anything (for handlers called from an open page)."""
    if not viewer.is_authenticated:
        return None
    visit = Visit.objects.filter(community=community, user_key=viewer.user_key).first()
    return _baseline(visit, timezone.now()) if visit else None


def _visit_over(visit, now):
    return now - visit.seen_at > VISIT_GAP


def _baseline(visit, now):
    """Coming back after the gap starts a new visit, so the last one's start is the baseline."""
    return visit.seen_at if _visit_over(visit, now) else visit.previous_seen_at
