"""A unit's community and the people who come to it: the space itself, the components threads are about, visits."""
from django.db import models
from django.utils import timezone

USER_KEY_LENGTH = 255
TALLY_VERSION = 2  # the aggregates' rules; a community tallied under an older one is rebuilt before it is read
SEARCH_VERSION = 1  # the search index's rules; a community indexed under an older one is indexed again on a search


class Community(models.Model):
    """One unit's space, shared by every run of the course.

    Keyed by org + course number + the block's own id: a course re-run keeps block ids, so alumni and new
    learners meet in the same space; a block duplicated in Studio gets a new id and a space of its own.
    """

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    block_id = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    display_name = models.CharField(max_length=255, blank=True, default="",
                                    help_text="The block's name, for course-wide reports.")
    page_url = models.CharField(max_length=500, blank=True, default="",
                                help_text="Where the block is, for links in alerts sent to chat tools.")
    prompts = models.JSONField(default=dict, blank=True,
                               help_text="The unit's prompt and scheduled prompts, for the strategist's course page.")
    summary_published_at = models.DateTimeField(null=True, blank=True,
                                                help_text="When the last evaluation summary event was sent.")
    viewer_count = models.PositiveIntegerField(default=0, help_text="People who came to the space (Visit rows).")
    slow_seconds = models.PositiveIntegerField(default=0, help_text="Slow mode of the whole space (see Thread).")
    slow_until = models.DateTimeField(null=True, blank=True)
    search_version = models.PositiveSmallIntegerField(
        default=SEARCH_VERSION, help_text="The search index's rules it was indexed with (conversations/search.py).")
    tally_version = models.PositiveSmallIntegerField(
        default=TALLY_VERSION, help_text="The aggregates' rules it was tallied with (see models/aggregates.py).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "course", "block_id"], name="community_unique_key"),
        ]

    def __str__(self):
        return f"{self.org}+{self.course}/{self.block_id}"


class Anchor(models.Model):
    """A component of the unit that threads can be about (a video, a text, a problem...).

    The display name is remembered when a thread is attached, so a thread about a component that later
    leaves the course still says what it was about.
    """

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="anchors")
    usage_key = models.CharField(max_length=255)
    display_name = models.CharField(max_length=255)
    category = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "usage_key"], name="anchor_unique_per_community"),
        ]

    def __str__(self):
        return self.display_name


class Visit(models.Model):
    """When a learner last came to the space, and the visit before that (the "new since" baseline)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="visits")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    seen_at = models.DateTimeField(default=timezone.now)
    previous_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user_key"], name="visit_once_per_user"),
        ]
