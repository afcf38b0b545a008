"""What the course team and learners do with the talent detector's suggestions. Nothing is automatic: a
candidate becomes a community expert only when staff promote them.

- Staff promote a learner (the badge shows in every unit of the course), take the badge back, dismiss a
  candidate or snooze them for a while, and write a spotlight: a pinned shout-out in the unit.
- Learners endorse a peer ("knows this topic"), once per person per unit and at most ``ENDORSEMENT_LIMIT`` in a
  day across the course; and any learner can decline the badge and leave the suggestions (and come back).
"""
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core import course_cache, permissions
from community_xblock.core.errors import Conflict, InvalidInput, NotAllowed, NotFound, TooSoon
from community_xblock.core.lookups import post_for
from community_xblock.models import (
    COURSE_WIDE,
    CandidateDecision,
    CommunityExpert,
    Decision,
    Endorsement,
    Participant,
    Post,
    TalentOptOut,
)
from community_xblock.moderation.actions import pinned_note

SNOOZE_DAYS = 30
ENDORSEMENT_LIMIT = 10  # a person's endorsements in 24 hours, across the course
ENDORSEMENT_WINDOW = timedelta(hours=24)


def _course(space):
    return {"org": space.community.org, "course": space.community.course}


def _learner_of_course(space, user_key):
    """The user key of someone who wrote in a unit of this course as a learner, or NotFound (staff act on
    candidates, who have all written; an unknown key and a key of another course read the same)."""
    rows = Participant.objects.filter(community__org=space.community.org, community__course=space.community.course,
                                      user_key=user_key).values_list("staff_posts", flat=True)
    if not rows or any(rows):
        raise NotFound(_("No such learner in this course."))
    return user_key


def promote(space, viewer, user_key, now=None):
    """Make a learner a community expert of the course. Returns the CommunityExpert."""
    permissions.require_staff(viewer)
    _learner_of_course(space, user_key)
    if TalentOptOut.objects.filter(**_course(space), user_key=user_key).exists():
        raise Conflict(_("This learner declined the badge and left the suggestions."))
    expert, created = CommunityExpert.objects.get_or_create(
        **_course(space), user_key=user_key,
        defaults={"community": space.community, "promoted_by": viewer.user_key, "promoted_at": now or timezone.now()})
    if not created:
        raise Conflict(_("This learner is already a community expert."))
    course_cache.forget(space.community, course_cache.EXPERTS)
    return expert


def remove_badge(space, viewer, user_key):
    permissions.require_staff(viewer)
    if not CommunityExpert.objects.filter(**_course(space), user_key=user_key).delete()[0]:
        raise NotFound(_("This learner is not a community expert."))
    course_cache.forget(space.community, course_cache.EXPERTS)


def decide(space, viewer, *, user_key, role, course_wide, decision, now=None):
    """Dismiss a candidate (for one role, in this unit or course-wide), or snooze them for SNOOZE_DAYS."""
    permissions.require_staff(viewer)
    _learner_of_course(space, user_key)
    now = now or timezone.now()
    until = now + timedelta(days=SNOOZE_DAYS) if decision == Decision.SNOOZED else None
    CandidateDecision.objects.update_or_create(
        **_course(space), block_id=COURSE_WIDE if course_wide else space.community.block_id, user_key=user_key,
        role=role, defaults={"decision": decision, "until": until, "decided_by": viewer.user_key, "decided_at": now})


def spotlight(space, viewer, *, user_key, title, body):
    """A shout-out from the course team about a learner, pinned on top of this unit's space. Returns the Thread."""
    permissions.require_staff(viewer)
    _learner_of_course(space, user_key)
    return pinned_note(space, viewer, title=title, body=body)


def endorse(space, viewer, *, post_id, active=True, now=None):
    """The viewer says (or no longer says) that the author of ``post_id`` knows this unit's topic. Returns
    (the post, whether the viewer now endorses its author)."""
    permissions.require_signed_in(viewer)
    permissions.require_own_identity(viewer)
    post = post_for(space, viewer, post_id)
    permissions.require_not_own(viewer, post.author_key, _("You cannot endorse yourself."))
    if post.anonymous or post.author_is_staff:
        raise InvalidInput(_("Only a learner who posts under their name can be endorsed."))
    key = {"community": space.community, "person_key": post.author_key, "endorser_key": viewer.user_key}
    if not active:
        Endorsement.objects.filter(**key).delete()
        return post, False
    now = now or timezone.now()
    try:
        with transaction.atomic():
            Endorsement.objects.create(**key, created_at=now)
            # Counted after the insert, so the limit holds for requests in a row; two at the very limit at the
            # same instant may both pass on MariaDB (each sees its own row): one too many, never a lost one.
            recent = Endorsement.objects.filter(
                endorser_key=viewer.user_key, created_at__gt=now - ENDORSEMENT_WINDOW,
                community__org=space.community.org, community__course=space.community.course).count()
            if recent > ENDORSEMENT_LIMIT:
                raise TooSoon(_("You have endorsed %(count)s people in the last 24 hours: try again tomorrow."),
                              count=ENDORSEMENT_LIMIT)
    except IntegrityError:  # already endorsed (or a concurrent request of theirs endorsed them first)
        pass
    return post, True


def leave_suggestions(space, viewer, *, active=True):
    """The viewer declines the badge and leaves the suggestions (``active``), or comes back."""
    permissions.require_signed_in(viewer)
    permissions.require_own_identity(viewer)
    if viewer.is_staff:
        raise NotAllowed(_("The course team is never among the suggestions."))
    with transaction.atomic():
        if active:
            TalentOptOut.objects.get_or_create(**_course(space), user_key=viewer.user_key)
            CommunityExpert.objects.filter(**_course(space), user_key=viewer.user_key).delete()
            course_cache.forget(space.community, course_cache.EXPERTS)
        else:
            TalentOptOut.objects.filter(**_course(space), user_key=viewer.user_key).delete()


def experts_of(community):
    """The user keys of the course's community experts: their badge on every page, their role in every write's
    tracking event; cached per course, forgotten by every change below."""
    return course_cache.remembered(community, course_cache.EXPERTS, lambda: frozenset(
        CommunityExpert.objects.filter(org=community.org, course=community.course)
        .values_list("user_key", flat=True)))


def experts_named(community):
    """The course's community experts as [{"user_key", "name", "promoted_at"}], by name."""
    experts = list(CommunityExpert.objects.filter(org=community.org, course=community.course)
                   .values_list("user_key", "promoted_at"))
    names = dict(Post.objects.filter(community__org=community.org, community__course=community.course,
                                     author_key__in=[key for key, _at in experts], anonymous=False)
                 .values_list("author_key", "author_name").distinct())
    return sorted(({"user_key": key, "name": names.get(key, ""), "promoted_at": at} for key, at in experts),
                  key=lambda expert: (expert["name"].lower(), expert["user_key"]))


def has_left(space, viewer):
    """Whether the viewer declined the badge and left the suggestions of this course."""
    return viewer.is_authenticated and not viewer.is_staff and TalentOptOut.objects.filter(
        **_course(space), user_key=viewer.user_key).exists()


def viewer_state(space, viewer):
    """{"expert", "left"}: whether the viewer holds the badge, and whether they left the suggestions."""
    return {"expert": viewer.user_key in experts_of(space.community), "left": has_left(space, viewer)}
