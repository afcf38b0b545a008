"""The strategist's editorial line and hot-spot events: the course's charter and who accepted it, the events
and the learners' answers to them.

An event belongs to a course, for one unit (its community) or course-wide (none); times are stored in UTC with
the time zone the event was planned in, which the calendar export and the banners show.
"""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.models.community import USER_KEY_LENGTH, Community

EVENT_TITLE_MAX_LENGTH = 200


class EventKind(models.TextChoices):
    """The kinds of hot-spot event; the labels are msgids, translated where they are shown."""

    LIVE_QA = "live_qa", _("Live Q&A")
    CHALLENGE = "challenge", _("Challenge")
    DEBATE = "debate", _("Debate")
    EXPERT_SESSION = "expert_session", _("Expert session")


class RsvpAnswer(models.TextChoices):
    GOING = "going", _("Going")
    INTERESTED = "interested", _("Interested")
    NOT_GOING = "not_going", _("Not going")


class Event(models.Model):
    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    community = models.ForeignKey(Community, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                  help_text="The unit it is for; empty for a course-wide event.")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    title = models.CharField(max_length=EVENT_TITLE_MAX_LENGTH)
    description = models.TextField(blank=True, default="", help_text="Markdown, as written.")
    description_html = models.TextField(blank=True, default="", help_text="Its sanitised rendering.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, help_text="The IANA zone it was planned in (Europe/Paris).")
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Places for people going; empty: any.")
    link = models.URLField(max_length=500, blank=True, default="", help_text="Where a live session takes place.")
    host_key = models.CharField(max_length=USER_KEY_LENGTH, help_text="Staff, or a community expert of the course.")
    host_name = models.CharField(max_length=255)
    created_by = models.CharField(max_length=USER_KEY_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    thread = models.ForeignKey("Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text="The event's conversation, pinned in the unit it was planned in.")
    cancelled = models.BooleanField(default=False)
    reminded_at = models.DateTimeField(null=True, blank=True,
                                       help_text="When the reminder went out (claimed once, whoever sends it).")
    going = models.PositiveIntegerField(default=0)
    interested = models.PositiveIntegerField(default=0)
    not_going = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["org", "course", "starts_at"], name="event_by_course_start")]

    def __str__(self):
        return self.title


class Rsvp(models.Model):
    """One person's answer to an event; changing it moves the event's counts in the same transaction."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    answer = models.CharField(max_length=12, choices=RsvpAnswer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user_key"], name="rsvp_once_per_person")]


class EventReminder(models.Model):
    """One person reminded of an event by email: claimed before the message goes, so nobody gets it twice."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminders")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user_key"], name="reminded_once_per_person")]


class CourseCharter(models.Model):
    """The course's community guidelines (Markdown), shared by every unit of the course: a learner accepts them
    once, before a first post in any unit."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    body = models.TextField(help_text="Markdown, as written.")
    body_html = models.TextField(help_text="Its sanitised rendering.")
    version = models.PositiveIntegerField(default=1, help_text="Counts the edits; an acceptance keeps its own.")
    updated_by = models.CharField(max_length=USER_KEY_LENGTH)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course"], name="charter_once_per_course")]


class CharterAcceptance(models.Model):
    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    version = models.PositiveIntegerField(help_text="The charter's version they accepted.")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course", "user_key"], name="charter_accepted_once")]
