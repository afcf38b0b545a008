"""The candidates of a course, per unit and course-wide, ranked from the stored aggregates.

One read of each table, whatever the course's size: the Participant rows of people who answered or started a
taken-up thread, the theme origins that grew, the endorsements, and the course team's decisions. Course-wide
figures are the sums of a person's unit rows. Each figure is turned into a percentile within the course's
eligible people, and a role's score is the weighted mean of its percentiles; minimum counts decide who is
eligible at all, so three lucky posts do not make an expert and one viral thread does not make a lead user.

Nothing here decides anything: candidates wait for the course team in the staff view (``decisions.py``).
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from community_xblock.aggregates.facts import TAKEN_UP
from community_xblock.insights.talent.figures import Percentiles, answer_z, wilson_lower
from community_xblock.models import (
    COURSE_WIDE,
    CandidateDecision,
    Community,
    CommunityExpert,
    Decision,
    Endorsement,
    Participant,
    Post,
    TalentOptOut,
    TalentRole,
    ThemeOrigin,
)
from community_xblock.privacy import is_retired_key

# Who is eligible. An expert has answered other people's questions and been recognised for it by more than one
# person; a lead user has started several threads that drew many people; a trend-setter was the first in the
# course to write a theme that others took up later, in other threads. Not a trend: a theme many people wrote in
# its first days, or one already written in the course's opening days (the course's own vocabulary: "data",
# "video"). Telling the two apart is where this detector is weakest: see the README's figures.
EXPERT_MIN_ANSWERS = 3
EXPERT_MIN_PEERS = 2
EXPERT_MIN_RECOGNITION = 2  # accepted answers + distinct peers who found them useful + thanks
ENDORSEMENTS_TO_QUEUE = 3  # peers' "knows this topic" that put someone in the queue on their own
LEAD_MIN_TAKEN_UP = 2
TREND_MIN_UPTAKE = 5  # posts by others, in other threads, across the course
TREND_MAX_EARLY = 3  # of them in the first UPTAKE_EARLY after it appeared
COURSE_OPENING = timedelta(days=3)  # from the course's first post carrying any keyphrase
SHOWN = 5  # candidates per role per unit, and course-wide

# The weight of each figure's percentile in a role's score.
EXPERT_WEIGHTS = {"answer_z": 1.0, "accepted_share": 1.0, "appreciated_by": 1.5, "thanks": 1.0, "reach": 1.0,
                  "speed": 0.5, "endorsements": 0.5}
LEAD_WEIGHTS = {"taken_up": 1.5, "drawn": 1.0, "units": 0.5}
TREND_WEIGHTS = {"themes": 0.5, "uptake": 1.0, "spread": 2.0}
COUNTERS = ("answers", "questions", "accepted_answers", "appreciated_by", "thanks_received", "peers_helped",
            "answer_minutes", "threads_taken_up", "repliers_drawn")


@dataclass
class Candidate:
    author_key: str
    role: str
    community_id: int | None  # None: course-wide
    score: float
    figures: dict
    percentiles: dict
    rank: int = 0
    themes: list = field(default_factory=list)  # trend-setters: [(key, origin post id, uptake, units reached)]
    posts: list = field(default_factory=list)  # filled by evidence.py for the candidates shown
    name: str = ""  # their username, from their posts (evidence.py)
    promoted: bool = False


@dataclass
class Ranking:
    units: dict  # community id -> {role: [Candidate]}
    course: dict  # role -> [Candidate]
    communities: dict  # community id -> display name, every unit of the course

    def of_unit(self, community_id):
        return self.units.get(community_id, {})

    def shown(self):
        for roles in [*self.units.values(), self.course]:
            for listed in roles.values():
                yield from listed


def rank_course(org, course, now=None, shown=SHOWN):
    """The course's candidates: the ``shown`` best per role in each unit and course-wide, after the course
    team's decisions (promoted experts are listed as such; dismissed and snoozed candidates are not)."""
    now = now or timezone.now()
    in_course = {"community__org": org, "community__course": course}
    rows = list(Participant.objects.filter(Q(answers__gte=1) | Q(threads_taken_up__gte=1), **in_course)
                .values_list("community_id", "user_key", *COUNTERS))
    endorsed = Counter({(community_id, person): count for community_id, person, count in Endorsement.objects.filter(
        **in_course).values_list("community_id", "person_key").annotate(count=Count("pk"))
        .values_list("community_id", "person_key", "count")})
    counted = Post.objects.filter(pk=OuterRef("post_id"), deleted=False, hidden=False)
    origins = list(ThemeOrigin.objects.filter(**in_course, elsewhere__gte=1).filter(Exists(counted))
                   .values_list("community_id", "key", "post_id", "author_key", "elsewhere", "early", "raised_at"))
    # People who are never candidates: those who left the suggestions, and the course team.
    left = set(TalentOptOut.objects.filter(org=org, course=course).values_list("user_key", flat=True))
    experts = set(CommunityExpert.objects.filter(org=org, course=course).values_list("user_key", flat=True))
    held_back = {(block_id, user_key, role) for block_id, user_key, role, decision, until in
                 CandidateDecision.objects.filter(org=org, course=course).values_list(
                     "block_id", "user_key", "role", "decision", "until")
                 if decision == Decision.DISMISSED or until is None or until > now}
    units_of_course = list(Community.objects.filter(org=org, course=course).values_list("pk", "block_id",
                                                                                       "display_name"))
    blocks = {pk: block_id for pk, block_id, _name in units_of_course}
    left |= set(Participant.objects.filter(**in_course, staff_posts__gt=0).values_list("user_key", flat=True))

    people = _people(rows, endorsed, left)
    decided = {"held_back": held_back, "experts": experts, "shown": shown}
    units, whole = defaultdict(dict), {}
    for role, unit_pool, course_pool in (
            (TalentRole.EXPERT, *_experts(people)),
            (TalentRole.LEAD_USER, *_lead_users(people)),
            (TalentRole.TREND_SETTER, *_trend_setters(origins, left))):
        for community_id, listed in _by_unit(unit_pool).items():
            units[community_id][role] = _top(listed, role, lambda c: (blocks.get(c.community_id), c.author_key),
                                             **decided)
        whole[role] = _top(course_pool, role, lambda c: (COURSE_WIDE, c.author_key), **decided)
    return Ranking(units=dict(units), course=whole,
                   communities={pk: name for pk, _block, name in units_of_course})


def _people(rows, endorsed, left):
    """{(community id or None, user key): figures}: each unit row, and each person's course-wide sums."""
    people, units_of = {}, defaultdict(set)
    for community_id, user_key, *counts in rows:
        if user_key in left or is_retired_key(user_key):
            continue
        figures = dict(zip(COUNTERS, counts, strict=True))
        figures["endorsements"] = endorsed.get((community_id, user_key), 0)
        people[(community_id, user_key)] = figures
        whole = people.setdefault((None, user_key), Counter())
        whole.update(figures)
        if figures["threads_taken_up"]:
            units_of[user_key].add(community_id)
    for (community_id, user_key), count in endorsed.items():  # endorsed people who never answered
        if (community_id, user_key) not in people and user_key not in left and not is_retired_key(user_key):
            people[(community_id, user_key)] = Counter(endorsements=count)
            people.setdefault((None, user_key), Counter())["endorsements"] += count
    for user_key, communities in units_of.items():
        people[(None, user_key)]["units"] = len(communities)
    return people


def _expert_figures(counts):
    answers = counts.get("answers", 0)
    return {
        "answers": answers, "questions": counts.get("questions", 0), "accepted": counts.get("accepted_answers", 0),
        "answer_z": answer_z(answers, counts.get("questions", 0)),
        "accepted_share": wilson_lower(counts.get("accepted_answers", 0), answers),
        "appreciated_by": counts.get("appreciated_by", 0), "thanks": counts.get("thanks_received", 0),
        "reach": counts.get("peers_helped", 0), "endorsements": counts.get("endorsements", 0),
        "answer_hours": counts.get("answer_minutes", 0) / 60 / answers if answers else None,
        "speed": -counts.get("answer_minutes", 0) / answers if answers else None,
    }


def _expert_eligible(figures):
    recognised = figures["accepted"] + figures["appreciated_by"] + figures["thanks"]
    return (figures["answers"] >= EXPERT_MIN_ANSWERS and figures["reach"] >= EXPERT_MIN_PEERS
            and recognised >= EXPERT_MIN_RECOGNITION) or figures["endorsements"] >= ENDORSEMENTS_TO_QUEUE


def _experts(people):
    return _scored(people, _expert_figures, _expert_eligible, EXPERT_WEIGHTS)


def _lead_figures(counts):
    return {"taken_up": counts.get("threads_taken_up", 0), "drawn": counts.get("repliers_drawn", 0),
            "units": counts.get("units", 1 if counts.get("threads_taken_up") else 0), "min_repliers": TAKEN_UP}


def _lead_users(people):
    return _scored(people, _lead_figures, lambda figures: figures["taken_up"] >= LEAD_MIN_TAKEN_UP, LEAD_WEIGHTS)


def _trend_setters(origins, left):
    """Each key's first origin in the course, when it is a trend (see the thresholds above), credited to its
    author in its unit and course-wide. Its uptake is every unit's (another unit's first post with the key, by
    someone else, is an uptake too); its spread, the units it reached beyond the one it was born in: a unit's
    own vocabulary stays in the units about that subject, an idea others take up travels."""
    by_key = defaultdict(list)
    for community_id, key, post_id, author_key, elsewhere, early, raised_at in origins:
        by_key[key].append((raised_at, post_id, community_id, author_key, elsewhere, early))
    if not by_key:
        return [], []
    opening_ends = min(row[0] for rows in by_key.values() for row in rows) + COURSE_OPENING
    credited = defaultdict(list)  # (community id or None, author) -> [(key, post id, uptake, units)]
    for key, rows in by_key.items():
        rows.sort()
        raised_at, post_id, community_id, author_key, _elsewhere, early = rows[0]
        if (author_key in left or is_retired_key(author_key) or early > TREND_MAX_EARLY
                or raised_at < opening_ends):
            continue
        uptake = sum(row[4] for row in rows) + sum(row[3] != author_key for row in rows[1:])
        if uptake >= TREND_MIN_UPTAKE:
            theme = (key, post_id, uptake, len({row[2] for row in rows}))
            for scope in (community_id, None):
                credited[(scope, author_key)].append(theme)
    people = {scope: _distinct_themes(themes) for scope, themes in credited.items()}
    return _scored(people, lambda themes: {
        "themes": len(themes), "uptake": sum(theme[2] for theme in themes),
        "spread": sum(units - 1 for *_theme, units in themes) / len(themes), "themes_list": themes},
        lambda figures: figures["themes"] >= 1, TREND_WEIGHTS)


def _distinct_themes(themes):
    """One theme per post that raised it: the keys of one post grow together ("pivot", "tables" and "pivot
    tables"; every phrase of a text that others quote) and are one idea, named by its most taken-up key (the
    longest of equals). Biggest uptake first."""
    best = {}
    for theme in themes:
        key, post_id, uptake, _units = theme
        kept = best.get(post_id)
        if kept is None or (uptake, len(key.split())) > (kept[2], len(kept[0].split())):
            best[post_id] = theme
    return sorted(best.values(), key=lambda theme: (-theme[2], theme[0]))


def _scored(people, figures_of, eligible, weights):
    """([unit Candidates], [course-wide Candidates]) of one role, each scored against its own pool."""
    pools = {"unit": [], "course": []}
    for (community_id, user_key), counts in people.items():
        figures = figures_of(counts)
        if eligible(figures):
            pools["course" if community_id is None else "unit"].append((community_id, user_key, figures))
    result = []
    for pool in (pools["unit"], pools["course"]):
        ranks = {name: Percentiles([figures[name] for _c, _u, figures in pool if figures[name] is not None])
                 for name in weights}
        scored = []
        for community_id, user_key, figures in pool:
            percentiles = {name: ranks[name].of(figures[name]) if figures[name] is not None else 0.0
                           for name in weights}
            score = sum(weights[name] * percentiles[name] for name in weights) / sum(weights.values())
            scored.append(Candidate(author_key=user_key, role="", community_id=community_id, score=score,
                                    figures=figures, percentiles=percentiles,
                                    themes=figures.get("themes_list", [])))
        result.append(scored)
    return result


def _by_unit(candidates):
    units = defaultdict(list)
    for candidate in candidates:
        units[candidate.community_id].append(candidate)
    return units


def _top(candidates, role, decision_key, *, held_back, experts, shown):
    """The ``shown`` best of ``candidates`` not held back by a decision, ranked 1..n; promoted experts stay
    (listed as promoted) so the course team sees who already holds the badge."""
    listed = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.author_key)):
        scope, user_key = decision_key(candidate)
        if (scope, user_key, role) in held_back:
            continue
        candidate.role = role
        candidate.promoted = role == TalentRole.EXPERT and user_key in experts
        listed.append(candidate)
        if len(listed) == shown:
            break
    for rank, candidate in enumerate(listed, start=1):
        candidate.rank = rank
    return listed
