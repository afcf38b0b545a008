"""Aggregates kept on write equal the ones rebuilt from the posts, whatever mix of writes came before.

Runs on the suite's database (SQLite, or MariaDB when COMMUNITY_DB_URL points at it). Concurrent writers are
covered over HTTP in tests/browser/test_concurrency.py.
"""
import contextlib
import random
from datetime import timedelta

import pytest
from django.utils import timezone

from community_xblock.aggregates.ledger import UNIT_ROW
from community_xblock.aggregates.rebuild import _nonzero, computed, differences, rebuild, stored
from community_xblock.conversations import engagement, threads, visits
from community_xblock.core.errors import CommunityError
from community_xblock.core.lookups import space_for
from community_xblock.insights.evaluation import course_report, unit_report
from community_xblock.models import ActivityTally, Community, ModerationAction, Post, Thread
from community_xblock.moderation import actions as moderation
from community_xblock.moderation import queue, undo
from community_xblock.platform.components import UnitComponent
from community_xblock.platform.identity import CommunityKey, Viewer
from community_xblock.privacy import retire_user

COMPONENTS = [UnitComponent(f"block-v1:AggX+AGG1+run+type@video+block@v{number}", f"Video {number}", "video")
              for number in range(3)]
PEOPLE = [Viewer(f"learner{number}", f"learner{number}") for number in range(8)]
STAFF = Viewer("staff", "staff", is_staff=True)
TEXTS = [
    "I don't understand why the light reactions need water.",
    "The answer key for question 2 is wrong: it should be 12, not 21.",
    "Thanks, this video finally made it click!",
    "This is so frustrating, the quiz never loads!!",
    "Quiz due tonight, please answer quickly.",
    "Chlorophyll absorbs red and blue light and reflects green.",
    "Je ne comprends pas la photosynthèse, c'est confus.",
    "Nem értem, miért kell fény a Calvin-ciklushoz?",
]


class Timeline:
    """A random but reproducible mix of everything that moves the aggregates."""

    def __init__(self, seed, space):
        self.random = random.Random(seed)
        self.space = space
        self.now = timezone.now() - timedelta(days=30)

    def tick(self):
        self.now += timedelta(minutes=self.random.choice([1, 7, 45, 200, 1500]))
        return self.now

    def posts(self, **filters):
        return list(Post.objects.filter(community=self.space.community, **filters).values_list("pk", flat=True))

    def thread_ids(self, **filters):
        return list(Thread.objects.filter(community=self.space.community, **filters).values_list("pk", flat=True))

    def step(self):
        action = self.random.choice([
            self.start, self.start, self.reply, self.reply, self.reply, self.react, self.react, self.unreact,
            self.flag, self.flag, self.clear_flags, self.undo, self.edit, self.delete, self.hide_post,
            self.show_post, self.hide_thread, self.show_thread, self.accept, self.unaccept, self.visit,
        ])
        # Refused (closed, not found, one's own post...) or nothing to act on: then nothing was written.
        with contextlib.suppress(CommunityError, IndexError):
            action()

    def person(self):
        return self.random.choice(PEOPLE)

    def start(self):
        threads.start_thread(self.space, self.person(), kind=self.random.choice(["question", "discussion", "issue"]),
                             title=f"Thread {self.random.randrange(10**6)}", body=self.random.choice(TEXTS),
                             anchor=self.random.choice([*COMPONENTS, None]), now=self.tick(),
                             anonymous=self.random.random() < 0.2)

    def reply(self):
        thread_id = self.random.choice(self.thread_ids(deleted=False))
        responses = self.posts(thread_id=thread_id, is_opening=False, parent__isnull=True, deleted=False)
        parent = self.random.choice(responses) if responses and self.random.random() < 0.4 else None
        threads.reply(self.space, self.person(), thread_id=thread_id, parent_id=parent,
                      body=self.random.choice(TEXTS), now=self.tick())

    def react(self, active=True):
        engagement.react(self.space, self.person(), post_id=self.random.choice(self.posts(deleted=False)),
                         kind=self.random.choice(["helpful", "insightful", "confused", "error"]), active=active,
                         now=self.tick())

    def unreact(self):
        self.react(active=False)

    def flag(self):
        # Scored: enough flags hide a post pending review (and a withdrawal may show it again).
        queue.raise_flag(self.space, self.person(), post_id=self.random.choice(self.posts(deleted=False)),
                         reason="rude", active=self.random.random() < 0.8)

    def clear_flags(self):
        queue.decide(self.space, STAFF, post_id=self.random.choice(self.posts(flag_count__gt=0)),
                     decision=self.random.choice(["agreed", "disagreed", "ignored"]))

    def undo(self):
        """Undo one of the course team's logged decisions (or the review queue's hold)."""
        decisions = list(ModerationAction.objects.filter(community=self.space.community, reverses=None,
                                                         reversed_by=None).values_list("pk", flat=True))
        undo.undo(self.space, STAFF, action_id=self.random.choice(decisions))

    def edit(self):
        threads.edit(self.space, STAFF, post_id=self.random.choice(self.posts(deleted=False)),
                     body=self.random.choice(TEXTS))

    def delete(self):
        threads.delete(self.space, STAFF, post_id=self.random.choice(self.posts(deleted=False)))

    def hide_post(self, hidden=True):
        moderation.set_post_hidden(self.space, STAFF, post_id=self.random.choice(self.posts(deleted=False)),
                                   hidden=hidden)

    def show_post(self):
        moderation.set_post_hidden(self.space, STAFF, post_id=self.random.choice(self.posts(hidden=True)),
                                   hidden=False)

    def hide_thread(self, hidden=True):
        moderation.set_thread_state(self.space, STAFF, thread_id=self.random.choice(self.thread_ids(deleted=False)),
                                    switch="hidden", value=hidden)

    def show_thread(self):
        moderation.set_thread_state(self.space, STAFF, thread_id=self.random.choice(self.thread_ids(hidden=True)),
                                    switch="hidden", value=False)

    def accept(self, accepted=True):
        questions = self.thread_ids(kind="question", deleted=False)
        responses = self.posts(thread_id__in=questions, is_opening=False, parent__isnull=True, deleted=False)
        threads.accept(self.space, STAFF, post_id=self.random.choice(responses), accepted=accepted)

    def unaccept(self):
        self.accept(accepted=False)

    def visit(self):
        visits.record_visit(self.space.community, self.person(), now=self.tick())


def community(name="agg"):
    return space_for(CommunityKey("AggX", "AGG1", name, "run"))


@pytest.mark.parametrize("seed", range(1, 7))
def test_kept_on_write_equals_rebuilt_from_the_posts(db, seed):
    space = community(f"mix{seed}")
    timeline = Timeline(seed, space)
    for _step in range(260):
        timeline.step()
    retire_user(PEOPLE[seed % len(PEOPLE)].user_key)
    for _step in range(60):
        timeline.step()
    assert Post.objects.filter(community=space.community).count() > 40
    assert differences(space.community) == []
    kept = nonzero(stored(space.community))
    rebuild(space.community)
    assert nonzero(stored(space.community)) == kept


def nonzero(aggregates):
    return {table: _nonzero(getattr(aggregates, table)) for table in vars(aggregates)}


def test_the_report_reads_only_aggregates_and_says_what_the_posts_say(db):
    space = community("report")
    timeline = Timeline(7, space)
    for _step in range(120):
        timeline.step()
    report = unit_report(space.community)
    counted = Post.objects.filter(community=space.community, deleted=False, hidden=False, thread__deleted=False,
                                  thread__hidden=False).exclude(parent__hidden=True).exclude(parent__deleted=True)
    assert report["conversation"]["threads"] == counted.filter(is_opening=True).count()
    assert report["signals"]["confusion"] == counted.filter(sig_confusion=True).count()
    assert sum(week["posts"] for week in report["signals_over_time"]) == counted.count()
    assert report["participation"]["posters"] == counted.values("author_key").distinct().count()


def test_a_community_from_before_the_aggregates_is_rebuilt_when_first_read(db):
    space = community("legacy")
    timeline = Timeline(11, space)
    for _step in range(40):
        timeline.step()
    for model in (ActivityTally,):
        model.objects.filter(community=space.community).delete()
    Community.objects.filter(pk=space.community.pk).update(tally_version=0)
    legacy = Community.objects.get(pk=space.community.pk)
    assert unit_report(legacy)["conversation"]["threads"] > 0
    assert Community.objects.get(pk=legacy.pk).tally_version > 0
    assert differences(legacy) == []


def test_the_course_view_reads_one_row_per_unit(db, django_assert_max_num_queries):
    for name in ("u1", "u2", "u3"):
        timeline = Timeline(name, community(name))
        for _step in range(30):
            timeline.step()
    first = community("u1").community
    with django_assert_max_num_queries(3):
        report = course_report(first)
    assert [unit["posts"] for unit in report["units"]] == [
        computed(community(name).community).tallies[UNIT_ROW].get("posts", 0) for name in ("u1", "u2", "u3")]
