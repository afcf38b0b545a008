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
from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from community_xblock.aggregates.facts import TAKEN_UP, UPTAKE_EARLY, PostFacts, ThreadFacts
from community_xblock.aggregates.ledger import UNIT_ROW, post_rows, thread_rows
from community_xblock.models import (
    SCORING_REACTIONS,
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
    Reaction,
    ThemeForm,
    ThemeOrigin,
    ThemeTally,
    Thread,
    ThreadReplier,
    Visit,
)

CHUNK = 5000
THREAD_FIELDS = ("pk", "anchor_id", "author_key", "kind", "deleted", "hidden", "response_count", "accepted_post_id",
                 "first_response_at", "created_at")
POST_FIELDS = ("pk", "thread_id", "is_opening", "parent_id", "author_key", "created_at", "week", "deleted", "hidden",
               "language", "sig_confusion", "sig_error", "sig_praise", "sig_frustration", "sig_urgency",
               "helpful_count", "insightful_count", "confused_count", "error_count", "flag_count", "thanks",
               "author_is_staff",
               "parent__deleted", "parent__hidden", "parent__author_key")


@dataclass
class Aggregates:
    """A community's aggregates in memory, keyed as the tables are."""

    tallies: dict = field(default_factory=lambda: defaultdict(Counter))  # (scope, component, start) -> counts
    people: dict = field(default_factory=lambda: defaultdict(Counter))  # user_key -> counts
    bounds: dict = field(default_factory=dict)  # user_key -> (first, last)
    peers: dict = field(default_factory=lambda: defaultdict(Counter))  # (helper, peer) -> {replies, reactions}
    repliers: Counter = field(default_factory=Counter)  # (thread_id, user_key) -> replies
    thread_repliers: Counter = field(default_factory=Counter)  # thread_id -> distinct repliers
    origins: dict = field(default_factory=dict)  # key -> (post_id, thread_id, author_key, elsewhere, early)
    themes: Counter = field(default_factory=Counter)  # (component, key) -> posts
    forms: Counter = field(default_factory=Counter)  # (key, digest) -> posts
    surfaces: dict = field(default_factory=dict)  # (key, digest) -> the form as written
    delays: dict = field(default_factory=lambda: defaultdict(Counter))  # band -> {questions, total_minutes}


def computed(community):
    """The aggregates ``community`` should have, from its threads, posts and keyphrases."""
    result = Aggregates()
    threads, counted = {}, {}  # counted: post id -> author, for the posts that count
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
        parent = SimpleNamespace(deleted=row.pop("parent__deleted"), hidden=row.pop("parent__hidden"),
                                 author_key=row.pop("parent__author_key")) if row["parent_id"] else None
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
        counted[facts.post_id] = facts.author_key
        if facts.helped_peer:
            result.peers[(facts.author_key, facts.helped_peer)]["replies"] += 1
            result.repliers[(facts.thread_id, facts.author_key)] += 1
        if facts.thanked:
            result.people[facts.thanked]["thanks_received"] += 1
    _count_people_reached(community, result, threads, counted)
    unit = result.tallies[UNIT_ROW]
    for counts in result.people.values():
        unit["posters"] += counts["posts"] > 0
        unit["repliers"] += counts["responses"] + counts["comments"] > 0
    _count_themes(community, result)
    _count_origins(community, result, _kept_origins(community))
    return result


def _count_people_reached(community, result, threads, counted):
    """The pairs of people (replies, helpful and insightful reactions) and the distinct repliers of threads."""
    for post_id, reactor in Reaction.objects.filter(post__community=community, kind__in=SCORING_REACTIONS) \
            .values_list("post_id", "user_key").iterator(chunk_size=CHUNK):
        if post_id in counted:
            result.peers[(counted[post_id], reactor)]["reactions"] += 1
    for (helper, peer), counts in result.peers.items():
        result.people[helper]["peers_helped"] += counts["replies"] > 0
        result.people[peer]["repliers_drawn"] += counts["replies"] > 0
        result.people[helper]["appreciated_by"] += counts["reactions"] > 0
    for thread_id, _user_key in result.repliers:
        result.thread_repliers[thread_id] += 1
    for thread_id, repliers in result.thread_repliers.items():
        if repliers >= TAKEN_UP:
            result.people[threads[thread_id].author_key]["threads_taken_up"] += 1


def _count_origins(community, result, kept):
    """The uptake of each key's origin: the origins kept (``kept``: key -> (post_id, thread_id, author_key,
    raised_at)), and for a key without one, its first post."""
    origins = dict(kept)
    firsts = {key: first for key, first in Keyphrase.objects.filter(community=community).values("key")
              .annotate(first=Min("post_id")).values_list("key", "first") if key not in origins}
    posts = Post.objects.filter(pk__in=firsts.values()).in_bulk(field_name="pk")
    for key, post_id in firsts.items():
        post = posts[post_id]
        origins[key] = (post.pk, post.thread_id, post.author_key, post.created_at)
    uptake = defaultdict(Counter)
    for key, thread_id, author_key, created_at in _counted_phrases(community).values_list(
            "key", "post__thread_id", "post__author_key", "post__created_at").iterator(chunk_size=CHUNK):
        _post_id, origin_thread, origin_author, raised_at = origins[key]
        if thread_id != origin_thread and author_key != origin_author:
            uptake[key]["elsewhere"] += 1
            uptake[key]["early"] += raised_at > created_at - UPTAKE_EARLY
    result.origins = {key: (post_id, thread_id, author_key, uptake[key]["elsewhere"], uptake[key]["early"])
                      for key, (post_id, thread_id, author_key, _raised) in origins.items()}
    return origins


def _counted_phrases(community):
    return Keyphrase.objects.filter(
        community=community, post__deleted=False, post__hidden=False, post__thread__deleted=False,
        post__thread__hidden=False,
    ).exclude(post__parent__deleted=True).exclude(post__parent__hidden=True)


def _kept_origins(community):
    return {key: (post_id, thread_id, author_key, raised_at) for key, post_id, thread_id, author_key, raised_at
            in ThemeOrigin.objects.filter(community=community).values_list(
                "key", "post_id", "thread_id", "author_key", "raised_at")}


def _count_themes(community, result):
    phrases = _counted_phrases(community)
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
    for helper, peer, replies, reactions in HelpedPeer.objects.filter(community=community).values_list(
            "helper_key", "peer_key", "replies", "reactions"):
        result.peers[(helper, peer)].update({"replies": replies, "reactions": reactions})
    for thread_id, user_key, replies in ThreadReplier.objects.filter(community=community).values_list(
            "thread_id", "user_key", "replies"):
        result.repliers[(thread_id, user_key)] += replies
    result.thread_repliers.update(dict(Thread.objects.filter(community=community, replier_count__gt=0)
                                       .values_list("pk", "replier_count")))
    result.origins = {key: (post_id, thread_id, author_key, elsewhere, early)
                      for key, post_id, thread_id, author_key, elsewhere, early in ThemeOrigin.objects.filter(
                          community=community).values_list("key", "post_id", "thread_id", "author_key",
                                                           "elsewhere", "early")}
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
    for table in ("tallies", "people", "bounds", "peers", "repliers", "thread_repliers", "origins", "themes",
                  "forms", "delays"):
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
        for model in (ActivityTally, Participant, HelpedPeer, ThreadReplier, ThemeTally, ThemeForm, AnswerDelay):
            model.objects.filter(community=community).delete()
        _write(community, result)
        _write_thread_repliers(community, result)
        _write_origins(community, result)
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
    create(HelpedPeer, [HelpedPeer(community=community, helper_key=helper, peer_key=peer,
                                   replies=counts.get("replies", 0), reactions=counts.get("reactions", 0))
                        for (helper, peer), counts in _nonzero(result.peers).items()])
    create(ThreadReplier, [ThreadReplier(community=community, thread_id=thread_id, user_key=user_key, replies=replies)
                           for (thread_id, user_key), replies in _nonzero(result.repliers).items()])
    create(ThemeTally, [ThemeTally(community=community, component=component, key=key, posts=posts)
                        for (component, key), posts in _nonzero(result.themes).items()])
    create(ThemeForm, [ThemeForm(community=community, key=key, digest=digest, surface=result.surfaces[(key, digest)],
                                 posts=posts) for (key, digest), posts in _nonzero(result.forms).items()])
    create(AnswerDelay, [AnswerDelay(community=community, band=band, questions=counts["questions"],
                                     total_minutes=counts["total_minutes"])
                         for band, counts in _nonzero(result.delays).items()])


def _write_thread_repliers(community, result):
    Thread.objects.filter(community=community, replier_count__gt=0).update(replier_count=0)
    by_count = defaultdict(list)
    for thread_id, repliers in _nonzero(result.thread_repliers).items():
        by_count[repliers].append(thread_id)
    for repliers, thread_ids in by_count.items():
        Thread.objects.filter(pk__in=thread_ids).update(replier_count=repliers)


def _write_origins(community, result):
    """Origins are kept as they were recorded; their uptake is recounted, and the missing ones are created."""
    kept = {row.key: row for row in ThemeOrigin.objects.filter(community=community)}
    posts = Post.objects.filter(pk__in=[post_id for key, (post_id, *_rest) in result.origins.items()
                                        if key not in kept]).in_bulk(field_name="pk")
    changed, created = [], []
    for key, (post_id, thread_id, author_key, elsewhere, early) in result.origins.items():
        row = kept.get(key)
        if row is None:
            created.append(ThemeOrigin(community=community, key=key, post_id=post_id, thread_id=thread_id,
                                       author_key=author_key, raised_at=posts[post_id].created_at,
                                       elsewhere=elsewhere, early=early))
        elif (row.elsewhere, row.early) != (elsewhere, early):
            row.elsewhere, row.early = elsewhere, early
            changed.append(row)
    ThemeOrigin.objects.bulk_update(changed, ["elsewhere", "early"], batch_size=CHUNK)
    ThemeOrigin.objects.bulk_create(created, batch_size=CHUNK)


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
