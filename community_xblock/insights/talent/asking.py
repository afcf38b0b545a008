""""Ask an expert": a question nobody answered for the author's ``expert_wait_hours`` is shown to the community
experts in their space, the ones about components they answered about before first.

Read from the thread list's own index (community, kind, response count, created): the oldest waiting questions,
a handful, whatever the size of the community.
"""
from datetime import timedelta

from django.utils import timezone

from community_xblock.models import Post, Thread, ThreadKind

SHOWN = 5


def waiting_for(space, viewer, hours, is_expert, now=None):
    """The questions waiting for an expert that ``viewer`` (a community expert) should see, or []."""
    if not (is_expert and hours):
        return []
    now = now or timezone.now()
    waiting = Thread.objects.filter(community=space.community, kind=ThreadKind.QUESTION, response_count=0,
                                    created_at__lte=now - timedelta(hours=hours), deleted=False, hidden=False,
                                    closed=False).exclude(author_key=viewer.user_key).select_related("anchor")
    if space.run_filter:
        waiting = waiting.filter(run=space.run_filter)
    oldest = list(waiting.order_by("created_at")[:SHOWN * 4])
    known = set(Post.objects.filter(community=space.community, author_key=viewer.user_key, is_opening=False)
                .exclude(anchor=None).values_list("anchor_id", flat=True).distinct())
    oldest.sort(key=lambda thread: (thread.anchor_id not in known, thread.created_at))
    return [{"thread_id": thread.pk, "title": thread.title,
             "component": thread.anchor.display_name if thread.anchor_id else None,
             "hours": int((now - thread.created_at).total_seconds() // 3600)} for thread in oldest[:SHOWN]]
