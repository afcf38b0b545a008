"""Recompute a community's aggregates from its posts: after an upgrade, or to verify the ones kept on write.

``computed(community)`` adds up the contributions (``facts.py``) of every post and thread as they are now, in one
pass over each table; ``rebuild`` replaces the stored rows with them; ``differences`` compares them with the
stored rows (rows at zero count as absent on both sides). The themes are counted by the database, from the
keyphrases of the posts that count.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from community_xblock.aggregates.facts import PostFacts, ThreadFacts
from community_xblock.aggregates.ledger import UNIT_ROW, post_rows, thread_rows
from community_xblock.models import (
    TALLY_COLUMNS,
    TALLY_VERSION,
    WHOLE_UNIT,
    ActivityTally,
    AnswerDelay,
    Community,
    HelpedPeer,
    Keyphrase,
    Participant,
    Post,
    ThemeForm,
    ThemeTally,
    Thread,
    Visit,
)

CHUNK = 5000
THREAD_FIELDS = ("pk", "anchor_id", "author_key", "kind", "deleted", "hidden", "response_count", "accepted_post_id",
                 "first_response_at", "created_at")
POST_FIELDS = ("pk", "thread_id", "is_opening", "parent_id", "author_key", "created_at", "week", "deleted", "hidden",
               "language", "sig_confusion", "sig_error", "sig_praise", "sig_frustration", "sig_urgency",
               "helpful_count", "insightful_count", "confused_count", "error_count", "flag_count",
               "parent__deleted", "parent__hidden")


@dataclass
class Aggregates:
    """A community's aggregates in memory, keyed as the tables are."""

    tallies: dict = field(default_factory=lambda: defaultdict(Counter))  # (scope, component, start) -> counts
    people: dict = field(default_factory=lambda: defaultdict(Counter))  # user_key -> counts
    bounds: dict = field(default_factory=dict)  # user_key -> (first, last)
    peers: Counter = field(default_factory=Counter)  # (helper, peer) -> replies
    themes: Counter = field(default_factory=Counter)  # (component, key) -> posts
    forms: Counter = field(default_factory=Counter)  # (key, digest) -> posts
    surfaces: dict = field(default_factory=dict)  # (key, digest) -> the form as written
    delays: dict = field(default_factory=lambda: defaultdict(Counter))  # band -> {questions, total_minutes}


def computed(community):
    """The aggregates ``community`` should have, from its threads, posts and keyphrases."""
    result = Aggregates()
    threads = {}
    accepted = dict(Post.objects.filter(community=community, pk__in=Thread.objects.filter(
        community=community, accepted_post__isnull=False).values("accepted_post_id")).values_list("pk", "author_key"))
    for values in Thread.objects.filter(community=community).values_list(*THREAD_FIELDS).iterator(chunk_size=CHUNK):
        thread = SimpleNamespace(**dict(zip(THREAD_FIELDS, values, strict=True)))
        threads[thread.pk] = thread
        facts = ThreadFacts.of(thread, accepted.get(thread.accepted_post_id))
        for row in thread_rows(facts):
            result.tallies[row].update(facts.tally())
        if facts.accepted_by():
            result.people[facts.accepted_by()]["accepted_answers"] += 1
        delay = facts.answer_delay()
        if delay:
            result.delays[delay[0]].update({"questions": 1, "total_minutes": delay[1]})
    for values in Post.objects.filter(community=community).values_list(*POST_FIELDS).iterator(chunk_size=CHUNK):
        row = dict(zip(POST_FIELDS, values, strict=True))
        parent = SimpleNamespace(deleted=row.pop("parent__deleted"), hidden=row.pop("parent__hidden")) \
            if row["parent_id"] else None
        post = SimpleNamespace(**row)
        post.kind = "thread" if post.is_opening else ("comment" if post.parent_id else "response")
        facts = PostFacts.of(post, threads[post.thread_id], parent)
        if not facts.counted:
            continue
        counts = facts.tally()
        for tally_row in post_rows(facts):
            result.tallies[tally_row].update(counts)
        result.people[facts.author_key].update(facts.participant())
        first, last = result.bounds.get(facts.author_key, (facts.created_at, facts.created_at))
        result.bounds[facts.author_key] = (min(first, facts.created_at), max(last, facts.created_at))
        if facts.helped_peer:
            result.peers[(facts.author_key, facts.helped_peer)] += 1
    for helper, _peer in result.peers:
        result.people[helper]["peers_helped"] += 1
    unit = result.tallies[UNIT_ROW]
    for counts in result.people.values():
        unit["posters"] += counts["posts"] > 0
        unit["repliers"] += counts["responses"] + counts["comments"] > 0
    _count_themes(community, result)
    return result


def _count_themes(community, result):
    phrases = Keyphrase.objects.filter(
        community=community, post__deleted=False, post__hidden=False, post__thread__deleted=False,
        post__thread__hidden=False,
    ).exclude(post__parent__deleted=True).exclude(post__parent__hidden=True)
    for component, key, posts in phrases.values_list("post__thread__anchor_id", "key").annotate(n=Count("pk")) \
            .values_list("post__thread__anchor_id", "key", "n"):
        result.themes[(component or 0, key)] += posts
    for key, posts in phrases.values_list("key").annotate(n=Count("pk")).values_list("key", "n"):
        result.themes[(WHOLE_UNIT, key)] += posts
    for key, digest, surface, posts in phrases.values_list("key", "digest").annotate(
            surface=Max("surface"), n=Count("pk")).values_list("key", "digest", "surface", "n"):
        result.forms[(key, digest)] += posts
        result.surfaces[(key, digest)] = surface


def stored(community):
    """The aggregates stored for ``community``, in the same shape."""
    result = Aggregates()
    for row in ActivityTally.objects.filter(community=community):
        result.tallies[(row.scope, row.component, row.start)].update(row.counts())
    for row in Participant.objects.filter(community=community):
        result.people[row.user_key].update({column: getattr(row, column) for column in Participant.COUNTERS})
        if row.first_post_at:
            result.bounds[row.user_key] = (row.first_post_at, row.last_post_at)
    for helper, peer, replies in HelpedPeer.objects.filter(community=community).values_list(
            "helper_key", "peer_key", "replies"):
        result.peers[(helper, peer)] += replies
    for component, key, posts in ThemeTally.objects.filter(community=community).values_list(
            "component", "key", "posts"):
        result.themes[(component, key)] += posts
    for key, digest, posts in ThemeForm.objects.filter(community=community).values_list("key", "digest", "posts"):
        result.forms[(key, digest)] += posts
    for band, questions, minutes in AnswerDelay.objects.filter(community=community).values_list(
            "band", "questions", "total_minutes"):
        result.delays[band].update({"questions": questions, "total_minutes": minutes})
    return result


def differences(community):
    """What the stored aggregates get wrong: [(table, key, stored, computed)], empty when they agree."""
    found, wanted = stored(community), computed(community)
    wrong = []
    for table in ("tallies", "people", "bounds", "peers", "themes", "forms", "delays"):
        mine, theirs = _nonzero(getattr(found, table)), _nonzero(getattr(wanted, table))
        for key in sorted(set(mine) | set(theirs), key=repr):
            if mine.get(key) != theirs.get(key):
                wrong.append((table, key, mine.get(key), theirs.get(key)))
    wrong += [("posts", "anchor or revision weight", count, 0) for count in [_stale_post_columns(community)] if count]
    viewers = Visit.objects.filter(community=community).count()
    kept = Community.objects.filter(pk=community.pk).values_list("viewer_count", flat=True).get()
    if kept != viewers:
        wrong.append(("community", "viewer_count", kept, viewers))
    return wrong


def _nonzero(table):
    if isinstance(table, Counter):
        return {key: value for key, value in table.items() if value}
    cleaned = {key: {column: count for column, count in value.items() if count} if isinstance(value, Counter)
               else value for key, value in table.items()}
    return {key: value for key, value in cleaned.items() if value}


def rebuild(community):
    """Replace the community's aggregates by the ones computed from its posts. Returns the Aggregates."""
    with transaction.atomic():
        Community.objects.select_for_update().filter(pk=community.pk).first()
        _fix_post_columns(community)
        result = computed(community)
        for model in (ActivityTally, Participant, HelpedPeer, ThemeTally, ThemeForm, AnswerDelay):
            model.objects.filter(community=community).delete()
        _write(community, result)
        Community.objects.filter(pk=community.pk).update(
            tally_version=TALLY_VERSION, viewer_count=Visit.objects.filter(community=community).count())
    return result


def _write(community, result):
    def create(model, rows):
        model.objects.bulk_create(rows, batch_size=CHUNK)

    create(ActivityTally, [ActivityTally(community=community, scope=scope, component=component, start=start,
                                         **{column: counts.get(column, 0) for column in TALLY_COLUMNS})
                           for (scope, component, start), counts in _nonzero(result.tallies).items()])
    people = _nonzero(result.people)
    create(Participant, [Participant(community=community, user_key=user_key,
                                     first_post_at=result.bounds.get(user_key, (None, None))[0],
                                     last_post_at=result.bounds.get(user_key, (None, None))[1],
                                     **{column: counts.get(column, 0) for column in Participant.COUNTERS})
                         for user_key, counts in people.items()])
    create(HelpedPeer, [HelpedPeer(community=community, helper_key=helper, peer_key=peer, replies=replies)
                        for (helper, peer), replies in _nonzero(result.peers).items()])
    create(ThemeTally, [ThemeTally(community=community, component=component, key=key, posts=posts)
                        for (component, key), posts in _nonzero(result.themes).items()])
    create(ThemeForm, [ThemeForm(community=community, key=key, digest=digest, surface=result.surfaces[(key, digest)],
                                 posts=posts) for (key, digest), posts in _nonzero(result.forms).items()])
    create(AnswerDelay, [AnswerDelay(community=community, band=band, questions=counts["questions"],
                                     total_minutes=counts["total_minutes"])
                         for band, counts in _nonzero(result.delays).items()])


def _revision_weight():
    return (Cast("sig_confusion", IntegerField()) + Cast("sig_error", IntegerField()) + F("confused_count")
            + F("error_count"))


def _fix_post_columns(community):
    """The per-post copies (the thread's component, the revision weight) as the write path keeps them."""
    Post.objects.filter(community=community).update(
        anchor_id=Subquery(Thread.objects.filter(pk=OuterRef("thread_id")).values("anchor_id")[:1]),
        revision_weight=_revision_weight())


def _stale_post_columns(community):
    anchors = Thread.objects.filter(pk=OuterRef("thread_id")).values("anchor_id")[:1]
    posts = Post.objects.filter(community=community).annotate(
        thread_anchor=Coalesce(Subquery(anchors), 0), own_anchor=Coalesce("anchor_id", 0), weight=_revision_weight())
    return posts.exclude(revision_weight=F("weight")).count() + posts.exclude(own_anchor=F("thread_anchor")).count()
