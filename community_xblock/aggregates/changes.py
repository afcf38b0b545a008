"""The write path's side of the aggregates: record what a write did, in its transaction.

New posts and reactions know their facts in memory (``record_new_post``, ``record_post_change``); moderation
and deletions, which can touch a thread and many of its posts at once, read the facts before and after
(``ThreadChange``). People's retirement renames their rows and takes their words out of the themes (``retire``).
"""
from collections import defaultdict

from django.db.models import F, Q

from community_xblock.aggregates.facts import PostFacts, ThreadFacts
from community_xblock.aggregates.ledger import Ledger
from community_xblock.models import (
    SCORING_REACTIONS,
    Community,
    HelpedPeer,
    Keyphrase,
    Participant,
    Post,
    Reaction,
    ThemeOrigin,
    Thread,
    ThreadReplier,
    Visit,
)


def thread_facts(thread):
    """ThreadFacts of a Thread row (one query more when it has an accepted answer)."""
    accepted_author = None
    if thread.accepted_post_id:
        accepted_author = Post.objects.filter(pk=thread.accepted_post_id).values_list("author_key", flat=True).first()
    return ThreadFacts.of(thread, accepted_author)


def phrases_of(post_ids):
    """{post id: [(key, surface)]} of stored keyphrases."""
    phrases = defaultdict(list)
    for post_id, key, surface in Keyphrase.objects.filter(post_id__in=post_ids).values_list("post_id", "key",
                                                                                              "surface"):
        phrases[post_id].append((key, surface))
    return phrases


def record_new_post(post, thread, parent, keyphrases, *, thread_before=None, thread_after=None):
    """A post was written (and, for a reply, its thread moved from ``thread_before`` to ``thread_after``)."""
    ledger = Ledger(post.community_id)
    ledger.post(None, PostFacts.of(post, thread, parent), phrases_after=keyphrases)
    ledger.thread(thread_before, thread_after)
    ledger.flush()


def record_post_change(community_id, before, after, phrases_before=(), phrases_after=()):
    """One post's facts changed (its reactions, flags or analysis) while its thread's did not."""
    ledger = Ledger(community_id)
    ledger.post(before, after, phrases_before, phrases_after)
    ledger.flush()


def record_reaction(post, before, counter, changed, *, reactor_key, kind):
    """``reactor_key`` added (changed=1) or took back (-1) a reaction of ``kind`` on ``post`` (facts ``before``)."""
    ledger = Ledger(post.community_id)
    ledger.post(before, before.with_reaction(counter, changed))
    if kind in SCORING_REACTIONS and before.counted:
        ledger.appreciation(before.author_key, reactor_key, changed)
    ledger.flush()


def record_thread_change(community_id, before, after):
    ledger = Ledger(community_id)
    ledger.thread(before, after)
    ledger.flush()


class ThreadChange:
    """A change to a thread and some of its posts (all of them by default), recorded as before/after facts.

    Create it once the write holds its locks and before it changes anything; call ``record()`` after.
    """

    def __init__(self, thread_id, post_ids=None, with_comments_of=None):
        self.thread_id = thread_id
        self.post_ids = post_ids
        self.with_comments_of = with_comments_of
        self.thread_before, self.posts_before = self._read()

    def _read(self):
        thread = Thread.objects.get(pk=self.thread_id)
        posts = Post.objects.filter(thread_id=self.thread_id).select_related("parent")
        if self.post_ids is not None:
            selected = Q(pk__in=self.post_ids)
            if self.with_comments_of:
                selected |= Q(parent_id=self.with_comments_of)
            posts = posts.filter(selected)
        return thread_facts(thread), {post.pk: PostFacts.of(post, thread, post.parent) for post in posts}

    def record(self):
        thread_after, posts_after = self._read()
        community_id = Thread.objects.filter(pk=self.thread_id).values_list("community_id", flat=True).get()
        flipped = [post_id for post_id, after in posts_after.items()
                   if after.counted != self.posts_before[post_id].counted]
        phrases = phrases_of(flipped) if flipped else {}
        ledger = Ledger(community_id)
        for post_id, after in posts_after.items():
            before = self.posts_before[post_id]
            words = phrases.get(post_id, [])
            ledger.post(before, after, words if before.counted else (), words if after.counted else ())
        if flipped:  # the reactions on a post that starts or stops counting start or stop appreciating its author
            for post_id, reactor in Reaction.objects.filter(post_id__in=flipped, kind__in=SCORING_REACTIONS) \
                    .values_list("post_id", "user_key"):
                after = posts_after[post_id]
                ledger.appreciation(after.author_key, reactor, 1 if after.counted else -1)
        ledger.thread(self.thread_before, thread_after)
        ledger.flush()


def visitor_arrived(community_id):
    Community.objects.filter(pk=community_id).update(viewer_count=F("viewer_count") + 1)


def retire(user_key, retired_key):
    """A person's account is retired: their words leave the themes, their rows keep counting under
    ``retired_key`` (no longer pointing at them), and they no longer count as a visitor. Call it before the
    person's keyphrases and visits are deleted."""
    posts = Post.objects.filter(author_key=user_key).select_related("thread", "parent")
    by_community = defaultdict(list)
    for post in posts:
        facts = PostFacts.of(post, post.thread, post.parent)
        if facts.counted:
            by_community[post.community_id].append(facts)
    for community_id, counted in by_community.items():
        phrases = phrases_of([facts.post_id for facts in counted])
        ledger = Ledger(community_id)
        for facts in counted:
            # Same facts before and after, words only before: only the themes move.
            ledger.post(facts, facts, phrases_before=phrases.get(facts.post_id, []))
        ledger.flush()
    for community_id in Visit.objects.filter(user_key=user_key).values_list("community_id", flat=True):
        Community.objects.filter(pk=community_id).update(viewer_count=F("viewer_count") - 1)
    Participant.objects.filter(user_key=user_key).update(user_key=retired_key)
    HelpedPeer.objects.filter(helper_key=user_key).update(helper_key=retired_key)
    HelpedPeer.objects.filter(peer_key=user_key).update(peer_key=retired_key)
    ThreadReplier.objects.filter(user_key=user_key).update(user_key=retired_key)
    ThemeOrigin.objects.filter(author_key=user_key).update(author_key=retired_key)
