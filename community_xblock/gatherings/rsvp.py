"""Going, interested, not going: one answer per person and event, the event's counts moved in the same
transaction under a lock on the event's row, so the counts are exact and the capacity holds under concurrency
(the last place goes to one person; the others hear that the event is full)."""
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core import permissions
from community_xblock.core.errors import Conflict
from community_xblock.gatherings.events import event_of
from community_xblock.models import Event, Rsvp, RsvpAnswer

COUNTER = {RsvpAnswer.GOING: "going", RsvpAnswer.INTERESTED: "interested", RsvpAnswer.NOT_GOING: "not_going"}


def answer(space, viewer, *, event_id, choice, now=None):
    """Record the viewer's answer (a RsvpAnswer value) to an event. Returns the Event, its counts fresh."""
    permissions.require_signed_in(viewer)
    permissions.require_own_identity(viewer)
    now = now or timezone.now()
    with transaction.atomic():
        event = event_of(space, event_id, lock=True)
        if event.ends_at <= now:
            raise Conflict(_("This event is over."))
        previous = Rsvp.objects.filter(event=event, user_key=viewer.user_key).values_list("answer", flat=True).first()
        if previous == choice:
            return event
        if choice == RsvpAnswer.GOING and event.capacity is not None and event.going >= event.capacity:
            raise Conflict(_("This event is full: answer “Interested” to hear if a place frees up."))
        Rsvp.objects.update_or_create(event=event, user_key=viewer.user_key,
                                      defaults={"answer": choice, "answered_at": now})
        moves = {COUNTER[choice]: F(COUNTER[choice]) + 1}
        if previous:
            moves[COUNTER[previous]] = F(COUNTER[previous]) - 1
        Event.objects.filter(pk=event.pk).update(**moves)
        event.refresh_from_db(fields=list(COUNTER.values()))
    return event
