"""A post's analysis, read in its thread and stored with it (see insights/analysis for what it computes).

The context comes from rows the write already holds or one small query: the thread's kind and anchor, the
signals and language of the opening post and of the post answered, and the names themes leave out (the
component the thread is about, the people in it). Posts are analysed in the order they were written, so what a
reply inherits (a "+1" under an error report) is already stored when it is read.
"""
from community_xblock.aggregates.changes import record_post_change
from community_xblock.aggregates.facts import PostFacts
from community_xblock.insights.analysis import ANALYSIS_VERSION, Context, analyse
from community_xblock.models import SIGNAL_FIELDS, Keyphrase, Post, surface_digest

STORED_FIELDS = ["language", "analysis_version", "revision_weight", "thanks", *SIGNAL_FIELDS.values()]
_OPENING_FIELDS = ("author_key", "author_name", "language", *SIGNAL_FIELDS.values())


def signals_of(row):
    """The stored signals of a post (a Post, or a values() dict of its signal fields)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return frozenset(signal for signal, field in SIGNAL_FIELDS.items() if get(field))


def context_for(post, thread):
    """The thread ``post`` is read in (``post`` may be unsaved; ``thread`` is its Thread)."""
    names = [post.author_name]
    if thread.anchor_id:
        names.append(thread.anchor.display_name)
    if post.is_opening:
        return Context(thread_kind=thread.kind, is_opening=True, excluded_names=tuple(names),
                       author_is_staff=post.author_is_staff)
    opening = Post.objects.filter(pk=thread.opening_post_id).values(*_OPENING_FIELDS).first() or {}
    opening_signals = signals_of(opening) if opening else frozenset()
    parent_signals = signals_of(post.parent) if post.parent_id else opening_signals
    names += [opening.get("author_name", "")] + ([post.parent.author_name] if post.parent_id else [])
    return Context(thread_kind=thread.kind, is_opening=False, parent_signals=parent_signals,
                   opening_signals=opening_signals, thread_language=opening.get("language", ""),
                   excluded_names=tuple(name for name in names if name), author_is_staff=post.author_is_staff,
                   author_is_asker=opening.get("author_key") == post.author_key)


def apply_analysis(post, thread, title=""):
    """Analyse ``post`` (title: its thread's, for an opening post) and set the stored fields on it."""
    post.analysis = analyse(post.body, context_for(post, thread), title=title if post.is_opening else "")
    post.language = post.analysis.language
    post.analysis_version = ANALYSIS_VERSION
    for signal, field in SIGNAL_FIELDS.items():
        setattr(post, field, signal in post.analysis.signals)
    post.thanks = post.analysis.thanks
    post.revision_weight = post.sig_confusion + post.sig_error + post.confused_count + post.error_count
    return post.analysis


def store_keyphrases(post, analysis, anchor_id):
    Keyphrase.objects.bulk_create([
        Keyphrase(post=post, community_id=post.community_id, anchor_id=anchor_id, language=analysis.language,
                  key=key, surface=surface, digest=surface_digest(surface))
        for key, surface in analysis.keyphrases
    ])


def reanalyse(post, thread):
    """Analyse a stored post again (after an edit, or under new rules), store the result, and move the
    aggregates by the difference."""
    parent = post.parent if post.parent_id else None
    before = PostFacts.of(post, thread, parent)
    phrases_before = list(Keyphrase.objects.filter(post=post).values_list("key", "surface"))
    analysis = apply_analysis(post, thread, title=thread.title)
    Post.objects.filter(pk=post.pk).update(**{field: getattr(post, field) for field in STORED_FIELDS})
    Keyphrase.objects.filter(post=post).delete()
    store_keyphrases(post, analysis, thread.anchor_id)
    record_post_change(post.community_id, before, PostFacts.of(post, thread, parent), phrases_before,
                       analysis.keyphrases)
    return analysis
