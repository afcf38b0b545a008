"""Communities of any size for the benchmark, made in bulk and then tallied by the product's own rebuild.

Posts are inserted directly (a million in minutes, where the write path would take hours), shaped like a real
unit's talk: one thread for every five posts, spread over ten weeks of a course, a few thousand authors, signals
and reactions in the proportions of the labelled sets, three keyphrases a post. The aggregates are then built by
``rebuild`` from those rows, exactly as ``rebuild_community_aggregates`` would (the tests check that it equals
what the write path keeps). For the course view, a unit's aggregates are copied to other units of the course:
that view reads nothing else.
"""
from datetime import timedelta

from django.db import connection
from django.db.models import F
from django.utils import timezone

from community_xblock.aggregates.rebuild import rebuild
from community_xblock.conversations import search
from community_xblock.conversations.threads import week_of
from community_xblock.core.lookups import community_for
from community_xblock.core.markup import render_markdown
from community_xblock.insights.analysis import ANALYSIS_VERSION
from community_xblock.models import (
    ActivityTally,
    Anchor,
    AnswerDelay,
    Community,
    HelpedPeer,
    Keyphrase,
    Participant,
    Post,
    Reaction,
    SearchTerm,
    ThemeForm,
    ThemeOrigin,
    ThemeTally,
    Thread,
    surface_digest,
)

POSTS_PER_THREAD = 5
COURSE_LENGTH = timedelta(weeks=10)
BATCH = 5000
BODY = "Is the **Calvin cycle** really independent of light? The reading says so, the video not quite."
THEMES = [("calvin cycl", "Calvin cycle"), ("light", "light"), ("read", "reading"), ("video", "video"),
          ("réaction lumin", "réaction lumineuse"), ("fényreakció", "fényreakciók"), ("#q 4", "Q4"),
          ("answer key", "answer key")]


def authors_for(posts):
    return max(50, posts // 50)


def seed(key, components, posts):
    """Bulk-insert a community of ``posts`` posts about ``components`` (UnitComponents); returns the last
    thread's id. The aggregates are built at the end."""
    community = community_for(key)
    anchors = [Anchor.objects.create(community=community, usage_key=c.usage_key, display_name=c.display_name,
                                     category=c.category) for c in components]
    html = render_markdown(BODY)
    start = timezone.now() - COURSE_LENGTH
    thread_count = posts // POSTS_PER_THREAD
    step = COURSE_LENGTH / max(thread_count, 1)
    authors = authors_for(posts)
    threads = [
        Thread(community=community, run=key.run, kind=("question", "discussion", "issue")[number % 3],
               title=f"Conversation number {number} about photosynthesis", author_key=f"learner{number % authors}",
               anchor=anchors[number % len(anchors)] if number % 2 else None, created_at=start + step * number,
               last_activity_at=start + step * number + timedelta(minutes=30),
               response_count=POSTS_PER_THREAD - 1, score=number % 7)
        for number in range(thread_count)
    ]
    Thread.objects.bulk_create(threads, batch_size=BATCH)
    threads = list(Thread.objects.filter(community=community).order_by("pk"))
    last = threads[-1].pk
    for offset in range(0, len(threads), BATCH // POSTS_PER_THREAD):
        _seed_posts(community, key, threads[offset:offset + BATCH // POSTS_PER_THREAD], html, authors)
    Thread.objects.filter(community=community, kind="question").update(
        first_response_at=F("created_at") + timedelta(hours=2))
    openings = dict(Post.objects.filter(community=community, is_opening=True).values_list("thread_id", "pk"))
    for thread in threads:
        thread.opening_post_id = openings[thread.pk]
    Thread.objects.bulk_update(threads, ["opening_post"], batch_size=BATCH)
    rebuild(Community.objects.get(pk=community.pk))
    search.rebuild(Community.objects.get(pk=community.pk))
    return last


def add_rare_word(community, word, holders):
    """``word`` in the search index of ``holders`` posts spread over the whole community: a rare word, with the
    same number of matches at every size."""
    posts = list(Post.objects.filter(community=community).order_by("pk").values_list("pk", flat=True))
    step = max(1, len(posts) // holders)
    SearchTerm.objects.bulk_create([SearchTerm(community=community, term=word, post_id=pk)
                                    for pk in posts[::step][:holders]], batch_size=BATCH)


def _seed_posts(community, key, threads, html, authors):
    rows = []
    for thread in threads:
        for position in range(POSTS_PER_THREAD):
            moment = thread.created_at + timedelta(hours=position)
            rows.append(Post(
                community=community, thread=thread, anchor_id=thread.anchor_id, is_opening=position == 0,
                run=key.run, author_key=f"learner{(thread.pk + position) % authors}", author_name="learner",
                body=BODY, body_html=html, created_at=moment, helpful_count=position % 2,
                language=("en", "fr", "hu")[thread.pk % 3], sig_confusion=position == 0 and thread.pk % 4 == 0,
                sig_error=thread.pk % 9 == 0 and position == 0, sig_praise=position == 3,
                confused_count=thread.pk % 5 == 0, week=week_of(moment), analysis_version=ANALYSIS_VERSION,
            ))
    Post.objects.bulk_create(rows, batch_size=BATCH)
    Keyphrase.objects.bulk_create([
        Keyphrase(post=post, community=community, anchor_id=post.anchor_id, language=post.language, key=theme[0],
                  surface=theme[1], digest=surface_digest(theme[1]))
        for post in rows for theme in (THEMES[(post.pk + n) % len(THEMES)] for n in range(3))
    ], batch_size=BATCH)
    Reaction.objects.bulk_create(
        [Reaction(post=post, user_key="fan", kind="helpful") for post in rows if post.helpful_count],
        batch_size=BATCH,
    )


def add_theme_origins(community, per_posts=10):
    """One theme origin per ``per_posts`` posts, with uptakes from none to a few dozen: the vocabulary the
    talent detector's trend-setters are read from (the seeded posts repeat eight themes only)."""
    posts = list(Post.objects.filter(community=community, is_opening=True).values_list("pk", "thread_id", "author_key",
                                                                                     "created_at"))
    count = Post.objects.filter(community=community).count() // per_posts
    ThemeOrigin.objects.bulk_create([
        ThemeOrigin(community=community, key=f"bench theme {number}", post_id=posts[number % len(posts)][0],
                    thread_id=posts[number % len(posts)][1], author_key=posts[number % len(posts)][2],
                    raised_at=posts[number % len(posts)][3], elsewhere=number % 37, early=number % 5)
        for number in range(count)], batch_size=BATCH, ignore_conflicts=True)


AGGREGATE_TABLES = (ActivityTally, Participant, HelpedPeer, ThemeTally, ThemeForm, AnswerDelay)


def clone_aggregates(source, count):
    """``count`` more units in ``source``'s course, each with a copy of its aggregates (and its visitor count)."""
    made = []
    for number in range(count):
        unit = Community.objects.create(org=source.org, course=source.course,
                                        block_id=f"{source.block_id}-copy{number}", display_name=f"Unit {number + 2}",
                                        viewer_count=source.viewer_count)
        made.append(unit)
        with connection.cursor() as cursor:
            for model in AGGREGATE_TABLES:
                table = connection.ops.quote_name(model._meta.db_table)
                columns = [connection.ops.quote_name(f.column) for f in model._meta.concrete_fields
                           if f.column not in ("id", "community_id")]
                listed = ", ".join(columns)
                cursor.execute(f"INSERT INTO {table} (community_id, {listed}) SELECT %s, {listed} FROM {table} "
                               f"WHERE community_id = %s", [unit.pk, source.pk])
    return made
