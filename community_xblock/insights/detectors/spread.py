"""An error spreading: several distinct learners report an error, or are confused, about one component within
``WINDOW``.

A report is a post whose text reports an error or confusion, or a found-an-error or confused reaction. The
detector counts distinct learners (staff never count), not posts: one learner repeating themselves is not a
spread. ``ERROR_LEARNERS`` learners reporting an error fire it; so do ``ANY_LEARNERS`` learners reporting an error
or confusion (confusion alone is weaker evidence). While the alert is not resolved every new report about the
component joins it, so after an erratum the alert shows whether reports stopped.
"""
from collections import Counter
from datetime import timedelta

from django.db.models import Q

from community_xblock.insights.detectors import alerts
from community_xblock.models import AlertKind, Keyphrase, Post, Reaction, ReactionKind

WINDOW = timedelta(hours=48)
ERROR_LEARNERS = 3
ANY_LEARNERS = 5
POSTS_READ = 300


def check(space, anchor_id, now, post):
    community = space.community
    current = alerts.current(community, AlertKind.ERROR_SPREAD, anchor_id)
    if current is not None:
        return alerts.join(current, [(post.pk, post.created_at)], now)
    reports = (Q(sig_error=True) | Q(sig_confusion=True) | Q(confused_count__gt=0) | Q(error_count__gt=0))
    rows = list(Post.objects.filter(reports, community_id=community.pk, anchor_id=anchor_id,
                                    created_at__gte=now - WINDOW, created_at__lte=now, deleted=False, hidden=False,
                                    author_is_staff=False)
                .order_by("-created_at")
                .values_list("pk", "created_at", "author_key", "sig_error", "sig_confusion", "error_count",
                             "confused_count")[:POSTS_READ])
    errors, any_report = set(), set()
    for _pk, _at, author, sig_error, sig_confusion, _errors, _confused in rows:
        if sig_error:
            errors.add(author)
        if sig_error or sig_confusion:
            any_report.add(author)
    reacted = [pk for pk, _at, _author, _e, _c, error_count, confused_count in rows
               if error_count or confused_count]
    if reacted and len(errors) < ERROR_LEARNERS and len(any_report) < ANY_LEARNERS:
        for user_key, kind in Reaction.objects.filter(
                post_id__in=reacted, kind__in=(ReactionKind.FOUND_ERROR, ReactionKind.CONFUSED),
                created_at__gte=now - WINDOW).values_list("user_key", "kind"):
            any_report.add(user_key)
            if kind == ReactionKind.FOUND_ERROR:
                errors.add(user_key)
    if len(errors) < ERROR_LEARNERS and len(any_report) < ANY_LEARNERS:
        return None
    posts = [(pk, at) for pk, at, *_rest in reversed(rows)]
    detail = {"learners": len(any_report), "error_learners": len(errors), "window_hours": WINDOW // timedelta(hours=1),
              "theme": shared_theme([pk for pk, _at in posts])}
    return alerts.raise_or_join(community, AlertKind.ERROR_SPREAD, anchor_id, now, posts, detail=detail)


def shared_theme(post_ids):
    """The keyphrase most of the reports share (the alert names it), or "" when none is shared."""
    counts = Counter(Keyphrase.objects.filter(post_id__in=post_ids).values_list("surface", flat=True))
    theme, count = counts.most_common(1)[0] if counts else ("", 0)
    return theme if count >= 2 else ""
