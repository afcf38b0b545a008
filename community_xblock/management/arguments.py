"""What the course team's commands read from their command line."""
from django.core.management.base import CommandError

from community_xblock.core.lookups import space_for
from community_xblock.models import Community
from community_xblock.platform.identity import CommunityKey

IMPORT_RUN = "imported"


def community_key(text, run=IMPORT_RUN):
    """``ORG+COURSE/BLOCK`` (the block's id, as in its usage key) as a CommunityKey."""
    course, slash, block_id = text.partition("/")
    org, plus, number = course.partition("+")
    if not (slash and plus and org and number and block_id):
        raise CommandError(f"--community must read ORG+COURSE/BLOCK (for example DemoX+BIO101/a1b2c3), not {text!r}")
    return CommunityKey(org=org, course=number, block_id=block_id, run=run)


def space_from(text, run=IMPORT_RUN):
    return space_for(community_key(text, run))


def existing_community(text):
    key = community_key(text)
    try:
        return Community.objects.get(org=key.org, course=key.course, block_id=key.block_id)
    except Community.DoesNotExist:
        raise CommandError(f"No community {text}: nobody has opened it or imported into it yet.") from None


def course_communities(text):
    """``ORG+COURSE``: every community of the course."""
    org, plus, number = text.partition("+")
    if not (plus and org and number):
        raise CommandError(f"--course must read ORG+COURSE (for example DemoX+BIO101), not {text!r}")
    return Community.objects.filter(org=org, course=number).order_by("display_name", "pk")
