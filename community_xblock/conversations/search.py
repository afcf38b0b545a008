"""Search in a unit's space: titles and bodies, in English, French and Hungarian, accents and case ignored.

Indexing (on write, in the post's transaction): each post's words, folded as the analysis folds them (lower case,
no diacritics: "hibás" and "hibas" meet), without the three languages' stop words, plus each word's Snowball stem
in the post's language ("hibásak" finds "hibás"); a thread's title is indexed with its opening post. Editing a post
replaces its terms.

Searching: every word of the query must match (as itself or as its stem in any of the three languages). For each
form of the first word the database walks that term's index in post order, newest first, checking the other words
and what the viewer may see on the way, and stops at a page: a fixed number of short queries whatever the size of
the community (one per form of the first word, at most four). Results are posts, newest first, with their
thread's title and an excerpt around the first match, the matches marked.
"""
from functools import cache
from html import escape

from django.db import transaction
from django.utils.translation import gettext_noop as _

from community_xblock.conversations.presenters import MARKDOWN_MARKS
from community_xblock.core.errors import InvalidInput
from community_xblock.core.lookups import visible_thread
from community_xblock.insights.analysis.language import LANGUAGES, stop_words
from community_xblock.insights.analysis.text import STEMMERS, WORD, fold_word, stemmer
from community_xblock.models import SEARCH_VERSION, Community, Post, SearchTerm
from community_xblock.models.search import TERM_MAX_LENGTH

QUERY_MAX_LENGTH = 200
QUERY_MAX_WORDS = 8
# Index rows read at a time: a page's worth many times over, so hidden or removed posts rarely cost a second trip.
SEARCH_BATCH = 200
RARITY_PROBE = 1000
PAGE_SIZE = 20
EXCERPT_CHARACTERS = 220


def terms_of(text, language):
    """The folded words of ``text`` that carry meaning, and their stems in ``language``."""
    terms = set()
    stem = stemmer(language if language in STEMMERS else "en")
    for word in WORD.findall(text):
        folded = fold_word(word)
        if len(folded) < 2 or folded in _all_stop_words():
            continue
        terms.add(folded[:TERM_MAX_LENGTH])
        terms.add(stem.stemWord(folded)[:TERM_MAX_LENGTH])
    return terms


def index_post(post, title=""):
    """(Re)write the terms of ``post`` (with ``title`` for an opening post); the caller's transaction holds it."""
    SearchTerm.objects.filter(post=post).delete()
    text = f"{title}\n{post.body}" if title else post.body
    SearchTerm.objects.bulk_create([SearchTerm(community_id=post.community_id, term=term, post=post)
                                    for term in sorted(terms_of(text, post.language))])


def indexed(community):
    """``community`` with its index under the current rules: built from its posts when it is older (a community
    from before search, or from before a change of these rules), once, under a lock on its row."""
    if community.search_version >= SEARCH_VERSION:
        return community
    with transaction.atomic():
        stale = Community.objects.select_for_update().filter(pk=community.pk, search_version__lt=SEARCH_VERSION)
        if stale.exists():
            rebuild(community)
    community.search_version = SEARCH_VERSION
    return community


def rebuild(community):
    """Index every post of ``community`` again (after an import of rows, or a change of these rules)."""
    SearchTerm.objects.filter(community=community).delete()
    posts = Post.objects.filter(community=community).select_related("thread").only(
        "pk", "community_id", "body", "language", "is_opening", "thread__title")
    batch = []
    for post in posts.iterator(chunk_size=2000):
        batch += [SearchTerm(community_id=community.pk, term=term, post_id=post.pk) for term in
                  sorted(terms_of(f"{post.thread.title}\n{post.body}" if post.is_opening else post.body,
                                  post.language))]
        if len(batch) >= 5000:
            SearchTerm.objects.bulk_create(batch)
            batch = []
    SearchTerm.objects.bulk_create(batch)
    Community.objects.filter(pk=community.pk).update(search_version=SEARCH_VERSION)


def query_forms(query):
    """For each word of the query that carries meaning: the forms it matches (itself, its stem in each language).
    InvalidInput for a query with nothing to look for."""
    if not isinstance(query, str) or len(query) > QUERY_MAX_LENGTH:
        raise InvalidInput(_("%(field)s must be text of at most %(limit)s characters."), field="query",
                           limit=QUERY_MAX_LENGTH)
    forms = []
    for word in WORD.findall(query):
        folded = fold_word(word)[:TERM_MAX_LENGTH]
        if len(folded) < 2 or folded in _all_stop_words():
            continue
        variants = {folded} | {stemmer(language).stemWord(folded)[:TERM_MAX_LENGTH] for language in STEMMERS}
        if variants not in forms:
            forms.append(variants)
    if not forms:
        raise InvalidInput(_("%(field)s: write a word to look for (at least two letters)."), field="query")
    return forms[:QUERY_MAX_WORDS]


def search(space, viewer, query, before=None):
    """A page of the posts matching ``query`` that the viewer may see, newest first, before the post id
    ``before`` (the next page). Returns (posts with their threads, has_more, the query's forms)."""
    forms = query_forms(query)
    community = indexed(space.community)
    walked, *others = sorted(forms, key=lambda words: _rarity(community, words))
    found = set()
    for term in sorted(walked):
        found.update(_matching_ids(space, viewer, community, term, others, before=before))
    ids = sorted(found, reverse=True)
    posts = list(Post.objects.filter(pk__in=ids[:PAGE_SIZE]).select_related("thread", "thread__anchor")
                 .order_by("-pk"))
    return posts, len(ids) > PAGE_SIZE, forms


def _rarity(community, words):
    """How many posts hold a form of this word, counted up to ``RARITY_PROBE``: the rarest word is the one walked,
    so a common word beside a rare one does not walk the whole index."""
    return len(SearchTerm.objects.filter(community=community, term__in=words)
               .values_list("post_id", flat=True)[:RARITY_PROBE])


def _matching_ids(space, viewer, community, term, other_words, *, before):
    """Up to a page and one of the ids of the visible posts holding ``term`` and a form of every other word,
    newest first. The index is walked alone, a batch at a time (one table, in its own order: every database reads
    it backwards and stops at the batch); each batch is then kept to the posts holding the other words and to what
    the viewer may see, by id. (Joined or with EXISTS in one query, MariaDB would rather sort every post holding
    a common word.)"""
    ids, cursor = [], before
    while len(ids) <= PAGE_SIZE:
        rows = SearchTerm.objects.filter(community=community, term=term)
        if cursor is not None:
            rows = rows.filter(post_id__lt=cursor)
        batch = list(rows.order_by("-post_id").values_list("post_id", flat=True)[:SEARCH_BATCH])
        if not batch:
            break
        kept = set(batch)
        for others in other_words:
            if not kept:
                break
            kept &= set(SearchTerm.objects.filter(community=community, term__in=others, post_id__in=kept)
                        .values_list("post_id", flat=True))
        if kept:
            visible = Post.objects.filter(visible_thread(space, viewer, through="thread__"), pk__in=kept,
                                          deleted=False)
            if not viewer.is_staff:
                visible = visible.filter(hidden=False)
            kept = set(visible.values_list("pk", flat=True))
        ids += [post_id for post_id in batch if post_id in kept]
        if len(batch) < SEARCH_BATCH:
            break
        cursor = batch[-1]
    return ids[:PAGE_SIZE + 1]


def highlighted(text, forms, around=EXCERPT_CHARACTERS):
    """HTML: an excerpt of ``text`` (Markdown marks dropped) of ``around`` characters about its first match (None:
    all of it, for a title), every match in <mark>, everything else escaped."""
    text = MARKDOWN_MARKS.sub("", text)
    wanted = set().union(*forms)
    matches = [match for match in WORD.finditer(text) if _matches(match.group(), wanted)]
    around = len(text) if around is None else around
    start = max(0, matches[0].start() - around // 3) if matches and around < len(text) else 0
    end = min(len(text), start + around)
    pieces, cursor = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces += [escape(text[cursor:match.start()]), f"<mark>{escape(match.group())}</mark>"]
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces).strip() + ("…" if end < len(text) else "")


def _matches(word, wanted):
    folded = fold_word(word)[:TERM_MAX_LENGTH]
    return folded in wanted or any(stemmer(language).stemWord(folded)[:TERM_MAX_LENGTH] in wanted
                                   for language in STEMMERS)


@cache
def _all_stop_words():
    """The stop words of the three languages: a query's language is unknown, and a post's may be mixed."""
    return frozenset().union(*(stop_words(language) for language in LANGUAGES))
