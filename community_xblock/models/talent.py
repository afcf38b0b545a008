"""The course team's side of the talent detector: who they promoted, what they decided on a candidate, the
learners who left the suggestions, and peers' endorsements.

Promotions and decisions belong to the course (org + course number), as the badge shows in every unit of it;
endorsements belong to the unit they were given in.
"""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.models.community import USER_KEY_LENGTH, Community

COURSE_WIDE = ""  # CandidateDecision.block_id of a course-wide candidate


class TalentRole(models.TextChoices):
    """The kinds of candidate; the labels are msgids, translated where they are shown."""

    EXPERT = "expert", _("Expert")
    LEAD_USER = "lead_user", _("Lead user")
    TREND_SETTER = "trend_setter", _("Trend-setter")


class CommunityExpert(models.Model):
    """A learner the course team promoted to "community expert": a badge next to their name in every unit of the
    course, their answers highlighted, and a role in tracking events. Nothing makes one but a staff decision."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    community = models.ForeignKey(Community, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  help_text="The unit they were promoted from; empty for a course-wide candidate.")
    promoted_by = models.CharField(max_length=USER_KEY_LENGTH)
    promoted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course", "user_key"], name="expert_once_per_course")]


class Decision(models.TextChoices):
    DISMISSED = "dismissed", _("Dismissed")
    SNOOZED = "snoozed", _("Snoozed")


class CandidateDecision(models.Model):
    """Staff dismissed a candidate (for one role, in one unit or course-wide) or put them off until a date."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    block_id = models.CharField(max_length=255, blank=True, default=COURSE_WIDE,
                                help_text="The unit's community block id; empty for course-wide.")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    role = models.CharField(max_length=16, choices=TalentRole.choices)
    decision = models.CharField(max_length=12, choices=Decision.choices)
    until = models.DateTimeField(null=True, blank=True, help_text="The end of a snooze.")
    decided_by = models.CharField(max_length=USER_KEY_LENGTH)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course", "block_id", "user_key", "role"],
                                               name="candidate_decision_once")]


class TalentOptOut(models.Model):
    """A learner who declined the badge and left the suggestions of a course."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course", "user_key"], name="talent_opt_out_once")]


class Endorsement(models.Model):
    """A peer's "knows this topic" for a person, one per endorser per person per unit."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    endorser_key = models.CharField(max_length=USER_KEY_LENGTH)
    person_key = models.CharField(max_length=USER_KEY_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "person_key", "endorser_key"],
                                               name="endorsement_once")]
        indexes = [models.Index(fields=["endorser_key", "created_at"], name="endorsement_by_endorser")]
