"""Watched words and pre-moderation: posts refused, held for review or flagged as they come in."""
import pytest

from community_xblock.models import Flag, ModerationAction, Post, ShippedWordList, Thread, WatchedWord


def start(unit, student="amelie", title="Where is the lab report template?", body="I cannot find it."):
    return unit.call("create_thread", {"kind": "question", "title": title, "body": body}, student=student)


def watch(unit, word, action, language=""):
    return unit.ok("add_watched_word", {"word": word, "action": action, "language": language}, student="staff")


def queue_items(unit):
    return unit.ok("review_queue", {}, student="staff")["queue"]["items"]


def reply(unit, thread_id, body, student="zsofia"):
    return unit.call("reply", {"thread_id": thread_id, "body": body}, student=student)


@pytest.fixture
def thread_id(unit):
    status, data = start(unit, student="student_1")
    assert status == 200
    return data["thread"]["id"]


class TestWatchedWords:
    def test_a_blocked_word_is_refused_naming_it_and_nothing_is_written(self, unit, thread_id):
        watch(unit, "crétin", "block", "fr")
        before = Post.objects.count()
        status, data = reply(unit, thread_id, "Quel CRETIN a écrit cette consigne ?")
        assert status == 400 and data["field"] == "body" and "crétin" in data["error"]
        assert Post.objects.count() == before
        status, data = reply(unit, thread_id, "Quel crétin a écrit cette consigne ?", student="staff")
        assert status == 200  # the course team is never screened

    def test_a_held_word_holds_the_post_for_review_matched_whole_accents_and_case_aside(self, unit, thread_id):
        watch(unit, "kaszinó", "hold")
        status, data = reply(unit, thread_id, "A kaszinós példa jó volt.")  # another word: not matched
        assert status == 200 and not data["held"]
        status, data = reply(unit, thread_id, "Nyerj a KASZINO oldalon!")
        assert status == 200 and data["held"]
        held = Post.objects.get(body="Nyerj a KASZINO oldalon!")
        assert held.hidden and held.held_for_review and held.held_reason == "watched_word"
        [item] = queue_items(unit)
        assert item["held_because"] == "Held: it contains the watched word “kaszinó”." and not item["flagged"]
        assert 'data-decision="disagreed"' in unit.ok("review_queue", {}, student="staff")["html"]
        unit.ok("decide_flags", {"post_id": held.pk, "decision": "disagreed"}, student="staff")
        assert not Post.objects.get(pk=held.pk).hidden and queue_items(unit) == []

    def test_a_flagging_word_sends_the_post_to_the_queue_with_its_own_flag(self, unit, thread_id):
        watch(unit, "shut up", "flag", "en")
        status, data = reply(unit, thread_id, "Oh just shut up about the template.")
        assert status == 200 and not data["held"]
        flag = Flag.objects.get()
        assert flag.user_key == "" and flag.reason == "shut up"
        [item] = queue_items(unit)
        assert item["flags"][0]["explained"].startswith("The watched words' flag: 1.0")
        assert item["flags"][0]["reason"] == "contains the watched word “shut up”"
        unit.ok("decide_flags", {"post_id": item["post_id"], "decision": "agreed"}, student="staff")
        assert Post.objects.get(pk=item["post_id"]).hidden

    def test_a_word_listed_for_one_language_leaves_the_others_alone(self, unit, thread_id):
        watch(unit, "idiot", "hold", "fr")
        status, data = reply(unit, thread_id, "Only an idiot would skip the safety briefing before the lab.")
        assert status == 200 and not data["held"]
        status, data = reply(unit, thread_id, "Il faut être idiot pour sauter la consigne de sécurité du labo.")
        assert data["held"]

    def test_shipped_lists_are_off_until_the_course_team_turns_one_on(self, unit, thread_id):
        assert not reply(unit, thread_id, "Cheap viagra and casino bonus here")[1]["held"]
        data = unit.ok("set_shipped_words", {"language": "en", "active": True}, student="staff")
        assert [entry["on"] for entry in data["watchlist"]["shipped"]] == [True, False, False]
        assert reply(unit, thread_id, "Cheap viagra and casino bonus here again")[1]["held"]
        unit.ok("set_shipped_words", {"language": "en", "active": False}, student="staff")
        assert not ShippedWordList.objects.exists()

    def test_an_edit_is_screened_too_and_a_held_opening_post_takes_its_conversation(self, unit):
        watch(unit, "casino", "hold")
        status, data = start(unit)
        post_id = Thread.objects.get(pk=data["thread"]["id"]).opening_post_id
        answer = unit.ok("edit_post", {"post_id": post_id, "body": "Try the casino link instead."}, student="amelie")
        assert answer == {"thread_hidden": data["thread"]["id"]}
        assert unit.ok("list_threads", {}, student="zsofia")["threads"] == []
        assert ModerationAction.objects.get(kind="hold_post").detail == {"reason": "watched_word", "word": "casino"}


class TestPremoderation:
    def test_a_held_post_earns_no_completion_until_shown(self, unit):
        unit.configure(premoderation="all", complete_on_contribution=True)
        before = len(unit.published)
        assert start(unit)[1] == {"held": True}
        assert not [name for name, _data in unit.published[before:] if name == "completion"]

    def test_a_learners_first_posts_wait_for_approval(self, unit):
        unit.configure(premoderation="first_posts")
        for number in range(2):
            status, data = start(unit, title=f"My question number {number}")
            assert status == 200 and data == {"held": True}
            [item] = queue_items(unit)
            assert item["held_because"].startswith("Waiting for approval")
            unit.ok("decide_flags", {"post_id": item["post_id"], "decision": "disagreed"}, student="staff")
        status, data = start(unit, title="My third question")
        assert "thread" in data  # two posts shown: the third goes straight out
        assert len(unit.ok("list_threads", {}, student="zsofia")["threads"]) == 3

    def test_every_post_waits_with_all_and_the_course_team_never_does(self, unit):
        unit.configure(premoderation="all")
        assert start(unit)[1] == {"held": True}
        assert "thread" in start(unit, student="staff", title="Welcome to the lab unit")[1]
        rejected = queue_items(unit)[0]
        unit.ok("decide_flags", {"post_id": rejected["post_id"], "decision": "agreed"}, student="staff")
        assert Post.objects.get(pk=rejected["post_id"]).thread.hidden and queue_items(unit) == []


class TestManagingTheList:
    def test_add_list_and_remove(self, unit):
        data = watch(unit, "casino", "hold", "en")
        [word] = data["watchlist"]["words"]
        assert (word["word"], word["language_label"], word["action_label"]) == (
            "casino", "English", "Hold: the post waits for review")
        assert "casino" in data["html"]
        assert unit.ok("remove_watched_word", {"word_id": word["id"]}, student="staff")["watchlist"]["words"] == []

    def test_learners_may_not_read_or_change_it(self, unit):
        for handler, payload in (("watched_words", {}), ("add_watched_word", {"word": "x", "action": "hold"}),
                                 ("set_shipped_words", {"language": "en", "active": True})):
            status, data = unit.call(handler, payload, student="amelie")
            assert status == 403 and data["error"], handler
        assert not WatchedWord.objects.exists() and not ShippedWordList.objects.exists()

    @pytest.mark.parametrize(("payload", "status", "field"), [
        ({"word": "", "action": "hold"}, 400, "word"), ({"word": "x" * 61, "action": "hold"}, 400, "word"),
        ({"word": "casino\u202e", "action": "hold"}, 400, "word"), ({"word": "casino"}, 400, "action"),
        ({"word": "casino", "action": "delete"}, 400, "action"),
        ({"word": "casino", "action": "hold", "language": "de"}, 400, "language"),
    ])
    def test_bad_input_writes_nothing(self, unit, payload, status, field):
        code, data = unit.call("add_watched_word", payload, student="staff")
        assert code == status and data["field"] == field and data["error"]
        assert not WatchedWord.objects.exists()

    def test_twice_the_same_word_and_unknown_or_foreign_ids(self, unit):
        watch(unit, "casino", "hold", "en")
        status, data = unit.call("add_watched_word", {"word": "casino", "action": "flag", "language": "en"},
                                 student="staff")
        assert status == 409 and "casino" in data["error"]
        foreign = WatchedWord.objects.create(org="Other", course="X", word="casino", action="hold")
        for word_id in (999_999, foreign.pk):
            status, data = unit.call("remove_watched_word", {"word_id": word_id}, student="staff")
            assert status == 404 and data["error"]
        assert WatchedWord.objects.count() == 2
