"""The talent detector on a small course written post by post through the product's write path: what each
counter keeps, who is eligible, who ranks first, and why (the statistics themselves are checked on their own)."""
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from community_xblock.aggregates.rebuild import differences
from community_xblock.conversations import engagement, threads
from community_xblock.core.lookups import space_for
from community_xblock.insights.talent import evidence, figures, ranking, reasons
from community_xblock.models import Participant, ThemeOrigin, Thread
from community_xblock.platform.identity import CommunityKey, Viewer

START = timezone.now() - timedelta(days=40)


def person(name, staff=False):
    return Viewer(name, name, is_staff=staff)


class Course:
    """Two units of one course, and a clock."""

    def __init__(self):
        self.units = [space_for(CommunityKey("TalX", "TAL1", f"unit{number}", "run")) for number in (1, 2)]
        self.now = START

    def at(self, hours):
        self.now += timedelta(hours=hours)
        return self.now

    def ask(self, unit, who, title="How does this work?", body="I do not get the second step, why is it so?"):
        return threads.start_thread(self.units[unit], person(who), kind="question", title=title, body=body,
                                    now=self.at(1))

    def discuss(self, unit, who, title, body):
        return threads.start_thread(self.units[unit], person(who), kind="discussion", title=title, body=body,
                                    now=self.at(1))

    def reply(self, unit, who, thread, body="Try it the other way round, it works.", *, parent=None, hours=1):
        return threads.reply(self.units[unit], person(who), thread_id=thread.pk, parent_id=parent, body=body,
                             now=self.at(hours))

    def react(self, unit, who, post, kind="helpful"):
        engagement.react(self.units[unit], person(who), post_id=post.pk, kind=kind, now=self.at(0.1))


def expert_at_work(course, unit=0, expert="erin", askers=("al", "bo", "cy", "di", "ed")):
    for number, asker in enumerate(askers):
        question = course.ask(unit, asker, title=f"Question {number} about the notebook")
        answer = course.reply(unit, expert, question, hours=2)
        for fan in [name for name in askers if name != asker][:3]:
            course.react(unit, fan, answer)
        course.reply(unit, asker, question, body="Thanks, that fixed it!", parent=answer.pk)
        if number % 2 == 0:
            threads.accept(course.units[unit], person(asker), post_id=answer.pk)


@pytest.fixture
def course(db):
    return Course()


def test_the_counters_say_what_happened_and_agree_with_the_rebuild(course):
    expert_at_work(course)
    row = Participant.objects.get(community=course.units[0].community, user_key="erin")
    assert (row.answers, row.questions, row.accepted_answers) == (5, 0, 3)
    assert row.thanks_received == 5  # each asker's comment under the answer
    assert row.appreciated_by == 4  # the first three other askers react to each answer: ed never does
    assert row.peers_helped == 5
    assert row.answer_minutes == 5 * 120
    asker = Participant.objects.get(community=course.units[0].community, user_key="al")
    assert (asker.questions, asker.thanks_received, asker.repliers_drawn) == (1, 0, 1)
    assert differences(course.units[0].community) == []


def test_a_thread_is_taken_up_when_enough_distinct_people_reply(course):
    thread = course.discuss(0, "lea", "Study group on Sunday", "Who wants to meet and go through the exercises?")
    for name in ("a1", "a2", "a3"):
        course.reply(0, name, thread)
    course.reply(0, "a1", thread)  # the same person again: still three
    assert Thread.objects.get(pk=thread.pk).replier_count == 3
    assert Participant.objects.get(community=course.units[0].community, user_key="lea").threads_taken_up == 0
    course.reply(0, "a4", thread)
    assert Participant.objects.get(community=course.units[0].community, user_key="lea").threads_taken_up == 1
    assert differences(course.units[0].community) == []


def test_a_theme_counts_as_taken_up_by_others_in_other_threads_after_the_early_days(course):
    origin = course.discuss(0, "tess", "Pivot tables", "Has anyone tried pivot tables for the weekly report?")
    course.reply(0, "x1", origin, body="Pivot tables are great for this, thanks")  # same thread: not an uptake
    course.at(24 * 4)
    for number in range(6):
        course.discuss(0, f"u{number}", f"Report {number}", "I used pivot tables for the homework as well.")
    course.discuss(0, "tess", "Again", "More pivot tables from me.")  # her own: not an uptake
    row = ThemeOrigin.objects.get(community=course.units[0].community, key="pivot tabl")
    assert (row.author_key, row.elsewhere, row.early) == ("tess", 6, 0)
    assert differences(course.units[0].community) == []


def test_the_expert_ranks_first_and_three_lucky_posts_do_not_make_one(course):
    expert_at_work(course)
    question = course.ask(0, "zed", title="Where is the data file?")
    lucky = course.reply(0, "lucky", question)
    for number in range(10):
        course.react(0, f"fan{number}", lucky)
    for name in ("bo", "cy", "di"):  # ordinary helpers: one answer each
        course.reply(0, name, course.ask(0, "zed", title=f"More from zed {name}"))
    result = ranking.rank_course("TalX", "TAL1")
    experts = result.of_unit(course.units[0].community.pk)["expert"]
    assert [candidate.author_key for candidate in experts] == ["erin"]
    assert result.course["expert"][0].author_key == "erin"
    evidence.attach(result)
    with translation.override("en"):
        lines = reasons.reasons(experts[0], translation)
    assert 2 <= len(lines) <= 4
    assert lines[0] == "Answered 5 questions of 5 other learners; 3 accepted as the answer."
    assert len(experts[0].posts) == 3 and experts[0].name == "erin"


def test_the_course_team_is_never_a_candidate(course):
    expert_at_work(course, expert="teacher")
    threads.start_thread(course.units[0], person("teacher", staff=True), kind="discussion", title="Welcome all",
                         body="Welcome to the unit.", now=course.at(1))
    assert ranking.rank_course("TalX", "TAL1").of_unit(course.units[0].community.pk).get("expert", []) == []


def test_one_viral_thread_makes_no_lead_user_and_two_in_two_units_do(course):
    viral = course.discuss(0, "vic", "This grading is unfair", "The grading of the quiz is unfair to everyone.")
    for number in range(12):
        course.reply(0, f"v{number}", viral, body="Agreed, unfair.")
    for unit in (0, 1):
        thread = course.discuss(unit, "lin", f"Idea {unit}", "What if we each summarise one chapter?")
        for number in range(5):
            course.reply(unit, f"p{unit}{number}", thread)
    result = ranking.rank_course("TalX", "TAL1")
    assert [candidate.author_key for candidate in result.course["lead_user"]] == ["lin"]
    assert result.of_unit(course.units[0].community.pk).get("lead_user", []) == []  # one each per unit
    with translation.override("en"):
        assert reasons.reasons(result.course["lead_user"][0], translation)[-1] == \
            "Taken up in 2 units of the course."


def test_the_figures():
    assert figures.answer_z(30, 2) > figures.answer_z(3, 0) > 0 > figures.answer_z(1, 5)
    assert figures.wilson_lower(3, 3) < figures.wilson_lower(30, 40)
    assert figures.wilson_lower(0, 0) == 0
    assert round(figures.wilson_lower(8, 10), 3) == 0.490  # the textbook value
    pool = figures.Percentiles([1, 2, 2, 3])
    assert (pool.of(0), pool.of(2), pool.of(3), pool.of(9)) == (0, 50, 87.5, 100)


def test_a_trend_setter_first_wrote_a_theme_others_took_up_across_units_after_the_opening_days(course):
    course.discuss(0, "opener", "Hello", "The quiz and the reading are long.")  # the course's opening days
    course.at(24 * 4)
    origin = course.discuss(0, "tess", "Pivot tables", "Has anyone tried pivot tables for the weekly report?")
    for number in range(12):  # a viral thread of hers: its replies are not an uptake
        course.reply(0, f"fan{number}", origin, body="The quiz is long, agreed.")
    course.at(24 * 4)
    for number in range(6):
        course.discuss(number % 2, f"u{number}", f"Report {number}", "I used pivot tables for the homework too.")
        course.discuss(number % 2, f"q{number}", f"Quiz {number}", "The quiz again.")
    result = ranking.rank_course("TalX", "TAL1")
    trend_setters = result.course["trend_setter"]
    assert [candidate.author_key for candidate in trend_setters][:1] == ["tess"]
    assert "opener" not in {candidate.author_key for candidate in trend_setters}  # "quiz" was there from the start
    evidence.attach(result)
    with translation.override("en"):
        line = reasons.reasons(trend_setters[0], translation)[0]
    assert line == "First to raise “Pivot tables”: 6 later posts by others took it up in other conversations. " \
                   "It spread to 2 units."
