"""The review queue: flags are scored, not counted, and every score says what it is made of.

A flag weighs ``BASE_WEIGHT`` × its author's role (the course team's flags count double) × their track record
in this course: once staff decided ``MIN_DECIDED`` of their flags, twice their smoothed agreement rate
((agreed + 1) / (decided + 2)), so a flagger staff always agree with weighs nearly 2 and one they never agree
with weighs little. A post whose open flags add up to the course's threshold is hidden pending review. The
threshold starts at ``DEFAULT_THRESHOLD``; once the course has ``MIN_COURSE_DECISIONS`` decided flags it
follows their history: flags usually right hide sooner (down to half), usually wrong need more (up to 1.5x).

Staff decide on a post's open flags at once: agree (the post stays or becomes hidden; the flaggers' records
and the author's gain), disagree (a post the queue hid is shown again; the flaggers' records lose), ignore
(flags closed, records untouched, a held post shown). Every decision is logged and can be undone (``reopen``).
"""
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.conversations import engagement
from community_xblock.core import permissions
from community_xblock.core.errors import Conflict, InvalidInput
from community_xblock.core.lookups import lock_thread, post_for
from community_xblock.models import (
    CourseFlagHistory,
    Flag,
    FlagDecision,
    FlaggerRecord,
    ModerationKind,
    Post,
)
from community_xblock.moderation import actions, log

BASE_WEIGHT = 1.0
STAFF_FACTOR = 2.0
MIN_DECIDED = 3
DEFAULT_THRESHOLD = 3.0
MIN_COURSE_DECISIONS = 10
DECISION_KINDS = {FlagDecision.AGREED: ModerationKind.AGREE_FLAGS,
                  FlagDecision.DISAGREED: ModerationKind.DISAGREE_FLAGS,
                  FlagDecision.IGNORED: ModerationKind.CLEAR_FLAGS}


@dataclass(frozen=True)
class FlagWeight:
    """A flag's weight and what it is made of."""

    by_staff: bool
    agreed: int
    disagreed: int

    @property
    def role_factor(self):
        return STAFF_FACTOR if self.by_staff else 1.0

    @property
    def record_counts(self):
        return self.agreed + self.disagreed >= MIN_DECIDED

    @property
    def record_factor(self):
        if not self.record_counts:
            return 1.0
        return 2 * (self.agreed + 1) / (self.agreed + self.disagreed + 2)

    @property
    def value(self):
        return round(BASE_WEIGHT * self.role_factor * self.record_factor, 3)


@dataclass(frozen=True)
class Threshold:
    """The score that hides a post pending review in a course, and the history it follows."""

    agreed: int
    disagreed: int

    @property
    def from_history(self):
        return self.agreed + self.disagreed >= MIN_COURSE_DECISIONS

    @property
    def value(self):
        if not self.from_history:
            return DEFAULT_THRESHOLD
        return round(DEFAULT_THRESHOLD * (1.5 - self.agreed / (self.agreed + self.disagreed)), 2)


def flag_weight(community, user_key, by_staff):
    agreed, disagreed = (FlaggerRecord.objects.filter(org=community.org, course=community.course, user_key=user_key)
                         .values_list("agreed", "disagreed").first() or (0, 0))
    return FlagWeight(by_staff, agreed, disagreed)


def threshold(community):
    agreed, disagreed = (CourseFlagHistory.objects.filter(org=community.org, course=community.course)
                         .values_list("agreed", "disagreed").first() or (0, 0))
    return Threshold(agreed, disagreed)


# Flags raised and withdrawn ---------------------------------------------------------------------------------

def raise_flag(space, viewer, *, post_id, reason="", active=True, now=None):
    """Flag a post (or withdraw one's open flag), scored; hide it pending review when its score reaches the
    threshold, show it again when a withdrawal takes the score back under. Returns the Post."""
    # A withdrawal takes back the weight its flag was given: no record to read.
    weight = flag_weight(space.community, viewer.user_key, viewer.is_staff).value if active else 0
    with transaction.atomic():
        post, moved = engagement.flag(space, viewer, post_id=post_id, reason=reason, active=active, now=now,
                                      weight=weight)
        if moved:
            _follow_threshold(space, post, moved)
    return post


def raise_queue_flag(space, post, word):
    """The queue's own flag on a post that contains a flagging watched word (one per post, weight 1)."""
    # The reason keeps the word alone: the queue words it in the viewer's language.
    _row, created = Flag.objects.get_or_create(post=post, user_key="", defaults={
        "reason": word[:500], "weight": BASE_WEIGHT})
    if created:
        engagement.move_flag_counts(post, 1, BASE_WEIGHT)
        _follow_threshold(space, post, BASE_WEIGHT)


def _follow_threshold(space, post, moved):
    """Hold the post when its score reached the threshold, release it when a withdrawal took it back under."""
    post.refresh_from_db(fields=["flag_score", "flag_count", "held_for_review", "held_reason", "hidden"])
    limit = threshold(space.community).value
    detail = {"score": round(post.flag_score, 3), "threshold": limit}
    if moved > 0 and post.flag_score >= limit - 1e-9 and not actions.is_hidden(post):
        hold(space, post, "flags", detail)
    elif moved < 0 and post.held_reason == "flags" and post.flag_score < limit - 1e-9:
        actions.apply_post_hidden(post, False)
        actions.set_held(post, "")
        log.record(space, None, ModerationKind.SHOW_POST, thread_id=post.thread_id, post=post, detail=detail)


def hold(space, post, reason, detail):
    """Hide ``post`` until staff decide (``reason``: flags, watched_word or premoderation); logged as the
    queue's own decision."""
    actions.apply_post_hidden(post, True)
    actions.set_held(post, reason)
    log.record(space, None, ModerationKind.HOLD_POST, thread_id=post.thread_id, post=post,
               detail={"reason": reason, **detail})


# Decisions --------------------------------------------------------------------------------------------------

def decide(space, viewer, *, post_id, decision, reason=""):
    """Staff decide on a post's open flags (``decision``: agreed, disagreed or ignored). Returns the Post."""
    permissions.require_staff(viewer)
    if decision not in DECISION_KINDS:
        raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field="decision",
                           choices=", ".join(sorted(DECISION_KINDS)))
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        flags = list(Flag.objects.filter(post=post, decision=None).order_by("pk"))
        if not flags and not post.held_for_review:
            raise Conflict(_("There is nothing to decide on this post: its flags were decided already."))
        if flags:
            Flag.objects.filter(pk__in=[flag.pk for flag in flags]).update(decision=decision,
                                                                            decided_at=timezone.now())
            engagement.move_flag_counts(post, -len(flags), -sum(flag.weight for flag in flags))
        was_held = post.held_reason if post.held_for_review else ""
        hidden_now = actions.apply_post_hidden(post, True) if decision == FlagDecision.AGREED else False
        shown_now = actions.apply_post_hidden(post, False) if decision != FlagDecision.AGREED and was_held else False
        actions.set_held(post, "")
        _count_decision(space.community, post, flags, decision, sign=1)
        log.record(space, viewer, DECISION_KINDS[decision], thread_id=post.thread_id, post=post, reason=reason,
                   detail={"flags": [flag.pk for flag in flags], "held": was_held, "hid": hidden_now,
                           "showed": shown_now})
    return post


def reopen(space, viewer, action, reason=""):
    """Undo a decision on flags: the same flags open again, records and the course's history as before it,
    the post as the decision found it. Called by ``undo.undo`` (which checked the right and the lock)."""
    post = Post.objects.select_related("thread", "parent").get(pk=action.post_id)
    lock_thread(action.thread_id)
    decided = [pk for pk in action.detail.get("flags", []) if isinstance(pk, int)]
    flags = list(Flag.objects.filter(pk__in=decided, decision__isnull=False).order_by("pk"))
    if len(decided) != len(action.detail.get("flags", [])):
        raise Conflict(_("The post changed since this decision: it no longer holds."))
    if post.deleted or len(flags) != len(decided) or post.held_for_review or (
            action.detail.get("hid") and not actions.is_hidden(post)) or (
            action.detail.get("showed") and actions.is_hidden(post)):
        raise Conflict(_("The post changed since this decision: it no longer holds."))
    decision = {kind: value for value, kind in DECISION_KINDS.items()}[action.kind]
    if flags:
        Flag.objects.filter(pk__in=[flag.pk for flag in flags]).update(decision=None, decided_at=None)
        engagement.move_flag_counts(post, len(flags), sum(flag.weight for flag in flags))
    if action.detail.get("hid"):
        actions.apply_post_hidden(post, False)
    held = action.detail.get("held") or ""
    if action.detail.get("showed") or (held and not actions.is_hidden(post)):
        actions.apply_post_hidden(post, True)  # held again means hidden again
    actions.set_held(post, held)
    _count_decision(space.community, post, flags, decision, sign=-1)
    log.record(space, viewer, ModerationKind.RESTORE_FLAGS, thread_id=post.thread_id, post=post, reason=reason,
               reverses=action)


def _count_decision(community, post, flags, decision, sign):
    """The flaggers' and the author's records and the course's history, moved by one decision (``sign`` -1
    to take it back). People's rows in a fixed order (by key), then the course's: writers queue, not deadlock."""
    column = {FlagDecision.AGREED: "agreed", FlagDecision.DISAGREED: "disagreed"}.get(decision)
    if column is None:
        return  # ignored: nobody's record moves
    changes = defaultdict(Counter)
    for flag in flags:
        if flag.user_key:
            changes[flag.user_key][column] += sign
    if decision == FlagDecision.AGREED:
        changes[post.author_key]["upheld_against"] += sign
    people = [flag.user_key for flag in flags if flag.user_key]  # the queue's own flags have no record
    for user_key in sorted(changes):
        _add(FlaggerRecord, {"org": community.org, "course": community.course, "user_key": user_key},
             changes[user_key])
    if people:
        _add(CourseFlagHistory, {"org": community.org, "course": community.course}, {column: sign * len(people)})


def _add(model, key, deltas):
    """Add ``deltas`` to the row of ``key`` (created at zero when missing; a concurrent creator wins)."""
    update = {column: F(column) + delta for column, delta in deltas.items()}
    if model.objects.filter(**key).update(**update):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **{column: max(delta, 0) for column, delta in deltas.items()})
            return
    except IntegrityError:
        model.objects.filter(**key).update(**update)
