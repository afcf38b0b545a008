"""Domain rules on a real database, without any XBlock runtime."""
from datetime import timedelta

import pytest
from django.utils import timezone

from community_xblock.conversations import engagement, listing, threads, visits
from community_xblock.conversations.presenters import Audience, thread_detail, thread_summary
from community_xblock.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from community_xblock.core.lookups import community_for, space_for
from community_xblock.models import Anchor, Follow, Post, Reaction, Thread
from community_xblock.moderation import actions as moderation
from community_xblock.moderation import queue
from community_xblock.platform.components import UnitComponent
from community_xblock.platform.identity import CommunityKey, Viewer, community_key_for, viewer_from_user
from tests.people import LEARNER, OTHER_LEARNER, STAFF

RUN = "2026_T1"
VIDEO = UnitComponent("block-v1:TestX+BIO101+2026_T1+type@video+block@v1", "Video: leaves", "video")


def start(space, viewer=LEARNER, **options):
    fields = {"kind": "question", "title": "Why are leaves green?", "body": "Chlorophyll *absorbs* light."}
    fields.update(options)
    return threads.start_thread(space, viewer, **fields)


def audience(viewer, since=None, keys=()):
    return Audience(viewer=viewer, since=since, component_keys=frozenset(keys), usage_id="demo")


class TestCommunityIdentity:
    def test_every_run_of_a_course_shares_the_unit_space(self, db):
        first = community_for(CommunityKey("TestX", "BIO101", "unit-a", "2024"))
        rerun = community_for(CommunityKey("TestX", "BIO101", "unit-a", "2026"))
        duplicate = community_for(CommunityKey("TestX", "BIO101", "unit-a-copy", "2026"))
        assert first.pk == rerun.pk
        assert duplicate.pk != first.pk

    def test_lms_usage_keys_give_org_course_block_and_run(self):
        class CourseKey:
            org, course, run = "TestX", "BIO101", "2026_T1"

        class UsageKey:
            course_key = CourseKey()
            block_id = "abc123"

        assert community_key_for(UsageKey()) == CommunityKey("TestX", "BIO101", "abc123", "2026_T1")

    def test_staff_comes_from_the_platform_user_service(self):
        class User:
            opt_attrs = {"edx-platform.user_id": 7, "edx-platform.username": "ana", "edx-platform.user_role": "staff"}

        viewer = viewer_from_user(User())
        assert (viewer.user_key, viewer.username, viewer.is_staff) == ("7", "ana", True)

    def test_workbench_staff_is_a_configured_student_id(self):
        class User:
            opt_attrs = {"xblock-workbench.user_id": "staff"}

        assert viewer_from_user(User(), ["staff"]).is_staff
        assert not viewer_from_user(User(), []).is_staff


class TestThreads:
    def test_a_thread_has_an_opening_post_its_author_follows(self, space):
        thread = start(space, anchor=VIDEO)
        assert thread.opening_post.is_opening
        assert thread.opening_post.run == RUN
        assert thread.anchor.display_name == "Video: leaves"
        assert Follow.objects.filter(thread=thread, user_key=LEARNER.user_key).exists()
        assert thread.follower_count == 1

    def test_replies_move_counters_and_activity(self, space):
        thread = start(space)
        response = threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="It reflects green.")
        threads.reply(space, LEARNER, thread_id=thread.pk, body="Thanks!", parent_id=response.pk)
        thread.refresh_from_db()
        assert (thread.response_count, thread.comment_count) == (1, 1)
        assert thread.last_activity_at >= response.created_at

    def test_a_comment_answers_a_response_of_the_same_thread_only(self, space):
        thread, other = start(space), start(space, title="Another one")
        response = threads.reply(space, OTHER_LEARNER, thread_id=other.pk, body="answer")
        with pytest.raises(InvalidInput) as refused:
            threads.reply(space, LEARNER, thread_id=thread.pk, body="x", parent_id=response.pk)
        assert refused.value.field == "parent_id"
        with pytest.raises(InvalidInput):
            threads.reply(space, LEARNER, thread_id=thread.pk, body="x",
                              parent_id=thread.opening_post.pk)

    def test_closed_threads_refuse_replies(self, space):
        thread = start(space)
        moderation.set_thread_state(space, STAFF, thread_id=thread.pk, switch="closed", value=True)
        with pytest.raises(Conflict):
            threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="late")

    def test_only_the_author_or_staff_edit_and_delete(self, space):
        thread = start(space)
        with pytest.raises(NotAllowed):
            threads.edit(space, OTHER_LEARNER, post_id=thread.opening_post.pk, body="vandalised")
        with pytest.raises(NotAllowed):
            threads.delete(space, OTHER_LEARNER, post_id=thread.opening_post.pk)
        threads.edit(space, LEARNER, post_id=thread.opening_post.pk, body="Better **question**", title="New")
        post = Post.objects.get(pk=thread.opening_post.pk)
        assert post.body == "Better **question**" and "<strong>question</strong>" in post.body_html
        assert post.edited_at is not None
        assert Thread.objects.get(pk=thread.pk).title == "New"

    def test_deleting_a_response_keeps_the_row_and_fixes_counters(self, space):
        thread = start(space)
        response = threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="answer")
        threads.reply(space, LEARNER, thread_id=thread.pk, body="comment", parent_id=response.pk)
        threads.delete(space, OTHER_LEARNER, post_id=response.pk)
        thread.refresh_from_db()
        assert (thread.response_count, thread.comment_count) == (0, 0)
        assert Post.objects.get(pk=response.pk).deleted
        read = listing.read_thread(space, LEARNER, thread.pk)
        assert [post.pk for post in read.posts] == [thread.opening_post.pk]

    def test_deleting_the_opening_post_deletes_the_thread(self, space):
        thread = start(space)
        threads.delete(space, LEARNER, post_id=thread.opening_post.pk)
        with pytest.raises(NotFound):
            listing.read_thread(space, LEARNER, thread.pk)

    def test_the_asker_or_staff_accept_a_response_of_a_question(self, space):
        thread = start(space)
        response = threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="answer")
        with pytest.raises(NotAllowed):
            threads.accept(space, OTHER_LEARNER, post_id=response.pk)
        threads.accept(space, LEARNER, post_id=response.pk)
        assert Thread.objects.get(pk=thread.pk).accepted_post_id == response.pk
        threads.accept(space, STAFF, post_id=response.pk, accepted=False)
        assert Thread.objects.get(pk=thread.pk).accepted_post_id is None

    def test_discussions_have_no_accepted_answer(self, space):
        thread = start(space, kind="discussion")
        response = threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="answer")
        with pytest.raises(InvalidInput):
            threads.accept(space, LEARNER, post_id=response.pk)

    def test_emoji_and_hungarian_text_survive_a_round_trip(self, space):
        text = "Árvíztűrő tükörfúrógép — ő, ű, Ő, Ű 🌱🍃 «photosynthèse»"
        thread = start(space, title="Fotoszintézis 🌿 ű", body=text)
        stored = Post.objects.get(pk=thread.opening_post.pk)
        assert stored.body == text
        assert Thread.objects.get(pk=thread.pk).title == "Fotoszintézis 🌿 ű"


class TestReactionsFollowsFlags:
    def test_a_reaction_counts_once_per_person_and_kind(self, space):
        thread = start(space)
        post_id = thread.opening_post.pk
        for _ in range(3):
            engagement.react(space, OTHER_LEARNER, post_id=post_id, kind="helpful")
        engagement.react(space, OTHER_LEARNER, post_id=post_id, kind="confused")
        post = Post.objects.get(pk=post_id)
        assert (post.helpful_count, post.confused_count) == (1, 1)
        assert Thread.objects.get(pk=thread.pk).score == 1
        engagement.react(space, OTHER_LEARNER, post_id=post_id, kind="helpful", active=False)
        engagement.react(space, OTHER_LEARNER, post_id=post_id, kind="helpful", active=False)
        assert Post.objects.get(pk=post_id).helpful_count == 0
        assert Thread.objects.get(pk=thread.pk).score == 0

    def test_nobody_reacts_to_or_flags_their_own_post(self, space):
        thread = start(space)
        with pytest.raises(NotAllowed):
            engagement.react(space, LEARNER, post_id=thread.opening_post.pk, kind="helpful")
        with pytest.raises(NotAllowed):
            queue.raise_flag(space, LEARNER, post_id=thread.opening_post.pk)
        assert not Reaction.objects.exists()

    def test_deleting_a_response_takes_its_comments_flags_off_the_thread(self, space):
        thread = start(space)
        response = threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="answer")
        comment = threads.reply(space, LEARNER, thread_id=thread.pk, body="rude comment", parent_id=response.pk)
        queue.raise_flag(space, OTHER_LEARNER, post_id=comment.pk, reason="rude")
        assert Thread.objects.get(pk=thread.pk).flag_count == 1
        threads.delete(space, OTHER_LEARNER, post_id=response.pk)
        assert Thread.objects.get(pk=thread.pk).flag_count == 0
        assert listing.list_threads(space, STAFF, show="flagged").threads == []

    def test_flags_reach_staff_and_are_cleared_by_staff_only(self, space):
        thread = start(space)
        queue.raise_flag(space, OTHER_LEARNER, post_id=thread.opening_post.pk, reason="spam")
        queue.raise_flag(space, OTHER_LEARNER, post_id=thread.opening_post.pk, reason="spam")
        assert Thread.objects.get(pk=thread.pk).flag_count == 1
        page = listing.list_threads(space, STAFF, show="flagged")
        assert [t.pk for t in page.threads] == [thread.pk]
        with pytest.raises(NotAllowed):
            listing.list_threads(space, OTHER_LEARNER, show="flagged")
        with pytest.raises(NotAllowed):
            queue.decide(space, OTHER_LEARNER, post_id=thread.opening_post.pk, decision="ignored")
        queue.decide(space, STAFF, post_id=thread.opening_post.pk, decision="ignored")
        assert Thread.objects.get(pk=thread.pk).flag_count == 0

    def test_follow_and_unfollow(self, space):
        thread = start(space)
        assert engagement.follow(space, OTHER_LEARNER, thread_id=thread.pk).follower_count == 2
        assert engagement.follow(space, OTHER_LEARNER, thread_id=thread.pk).follower_count == 2
        assert engagement.follow(space, OTHER_LEARNER, thread_id=thread.pk, active=False).follower_count == 1
        page = listing.list_threads(space, LEARNER, show="following")
        assert [t.pk for t in page.threads] == [thread.pk]


class TestModerationAndVisibility:
    def test_only_staff_moderate(self, space):
        thread = start(space)
        for switch in moderation.THREAD_SWITCHES:
            with pytest.raises(NotAllowed):
                moderation.set_thread_state(space, LEARNER, thread_id=thread.pk, switch=switch, value=True)
        assert not Thread.objects.filter(pinned=True).exists()

    def test_hidden_threads_and_posts_vanish_for_learners_not_for_staff(self, space):
        thread = start(space)
        response = threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="rude")
        moderation.set_post_hidden(space, STAFF, post_id=response.pk, hidden=True)
        assert Thread.objects.get(pk=thread.pk).response_count == 0
        assert len(listing.read_thread(space, LEARNER, thread.pk).posts) == 1
        assert len(listing.read_thread(space, STAFF, thread.pk).posts) == 2
        moderation.set_thread_state(space, STAFF, thread_id=thread.pk, switch="hidden", value=True)
        assert listing.list_threads(space, LEARNER).threads == []
        assert [t.pk for t in listing.list_threads(space, STAFF).threads] == [thread.pk]
        with pytest.raises(NotFound):
            engagement.react(space, OTHER_LEARNER, post_id=thread.opening_post.pk, kind="helpful")

    def test_pinned_threads_lead_the_active_order(self, space):
        first = start(space, title="First thread")
        start(space, title="Second thread")
        moderation.set_thread_state(space, STAFF, thread_id=first.pk, switch="pinned", value=True)
        assert listing.list_threads(space, LEARNER).threads[0].pk == first.pk

    def test_ids_of_another_community_are_not_found(self, space):
        elsewhere = space_for(CommunityKey("TestX", "BIO101", "other-unit", RUN))
        thread = start(elsewhere)
        with pytest.raises(NotFound):
            threads.reply(space, LEARNER, thread_id=thread.pk, body="x")
        with pytest.raises(NotFound):
            engagement.react(space, OTHER_LEARNER, post_id=thread.opening_post.pk, kind="helpful")
        with pytest.raises(NotFound):
            moderation.set_thread_state(space, STAFF, thread_id=thread.pk, switch="pinned", value=True)


class TestListing:
    def test_sorts_and_filters(self, space):
        question = start(space, title="Open question", anchor=VIDEO)
        answered = start(space, title="Answered question")
        talk = start(space, kind="discussion", title="Loved it")
        engagement.react(space, OTHER_LEARNER, post_id=talk.opening_post.pk, kind="insightful")
        threads.reply(space, OTHER_LEARNER, thread_id=answered.pk, body="answer")

        def titles(**options):
            return [t.title for t in listing.list_threads(space, LEARNER, **options).threads]

        assert titles(sort="unanswered") == ["Open question"]
        assert titles(sort="top")[0] == "Loved it"
        assert titles(sort="new") == ["Loved it", "Answered question", "Open question"]
        # A reply makes a thread the most active one.
        assert titles(anchor_key=VIDEO.usage_key) == ["Open question"]
        assert titles(sort="active")[0] == "Answered question"
        assert question.pk

    def test_pages(self, space):
        for number in range(listing.PAGE_SIZE + 3):
            start(space, title=f"Thread number {number}")
        first = listing.list_threads(space, LEARNER, page=1)
        second = listing.list_threads(space, LEARNER, page=2)
        assert (len(first.threads), first.has_more) == (listing.PAGE_SIZE, True)
        assert (len(second.threads), second.has_more) == (3, False)
        assert not {t.pk for t in first.threads} & {t.pk for t in second.threads}


class TestPresentation:
    def test_anonymous_authors_are_hidden_from_peers_only(self, space):
        thread = start(space, anonymous=True)
        thread = Thread.objects.select_related("opening_post").get(pk=thread.pk)
        assert thread_summary(thread, audience(OTHER_LEARNER))["author"]["name"] is None
        assert thread_summary(thread, audience(STAFF))["author"]["name"] == LEARNER.username
        mine = thread_summary(thread, audience(LEARNER))["author"]
        assert mine["name"] == LEARNER.username and mine["is_you"]

    def test_an_anchor_whose_component_is_gone_stays_readable(self, space):
        thread = start(space, anchor=VIDEO)
        thread = Thread.objects.select_related("anchor", "opening_post").get(pk=thread.pk)
        present = thread_summary(thread, audience(LEARNER, keys=[VIDEO.usage_key]))["anchor"]
        gone = thread_summary(thread, audience(LEARNER, keys=[]))["anchor"]
        assert not present["removed"] and gone["removed"]
        assert gone["name"] == "Video: leaves"
        assert Anchor.objects.count() == 1

    def test_new_marks_follow_the_last_visit(self, space):
        thread = start(space)
        earlier = timezone.now() - timedelta(hours=2)
        later = timezone.now() + timedelta(hours=2)
        row = Thread.objects.select_related("opening_post").get(pk=thread.pk)
        assert thread_summary(row, audience(OTHER_LEARNER, since=earlier))["is_new"]
        assert not thread_summary(row, audience(OTHER_LEARNER, since=later))["is_new"]
        assert not thread_summary(row, audience(LEARNER, since=earlier))["is_new"]  # one's own work is not news

    def test_accepted_answer_comes_first(self, space):
        thread = start(space)
        threads.reply(space, OTHER_LEARNER, thread_id=thread.pk, body="first")
        second = threads.reply(space, STAFF, thread_id=thread.pk, body="second")
        threads.accept(space, LEARNER, post_id=second.pk)
        detail = thread_detail(listing.read_thread(space, LEARNER, thread.pk), audience(LEARNER))
        assert [r["id"] for r in detail["responses"]][0] == second.pk
        assert detail["can_accept"]


class TestVisits:
    def test_an_active_learner_keeps_the_marks_of_the_visit(self, space):
        """Coming back every ten minutes for two hours is one visit: what was new at its start stays marked."""
        viewer = Viewer("regular", "regular")
        yesterday = timezone.now() - timedelta(days=1)
        visits.record_visit(space.community, viewer, now=yesterday)
        arrival = yesterday + timedelta(hours=20)
        for minutes in range(0, 121, 10):
            assert visits.record_visit(space.community, viewer, now=arrival + timedelta(minutes=minutes)) == \
                yesterday

    def test_the_baseline_is_when_the_previous_visit_ended(self, space):
        viewer = Viewer("visitor", "visitor")
        monday = timezone.now() - timedelta(days=3)
        assert visits.record_visit(space.community, viewer, now=monday) is None
        assert visits.record_visit(space.community, viewer, now=monday + timedelta(minutes=5)) is None
        thursday = monday + timedelta(days=3)
        last_seen = monday + timedelta(minutes=5)  # when Monday's visit ended
        assert visits.record_visit(space.community, viewer, now=thursday) == last_seen
        assert visits.record_visit(space.community, viewer, now=thursday + timedelta(minutes=10)) == last_seen
