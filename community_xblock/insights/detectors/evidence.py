"""What counts as negativity and as a report of an error, in the three places the detectors look: the hour rows'
columns, the posts of a window, and reactions. One definition each, so they cannot drift apart."""
from django.db.models import Q

from community_xblock.models import ReactionKind

# Bad buzz.
NEGATIVE_COLUMNS = ("sig_frustration", "flags", "confused", "found_error")
NEGATIVE_POSTS = Q(sig_frustration=True) | Q(confused_count__gt=0) | Q(error_count__gt=0) | Q(flag_count__gt=0)
# An error spreading: error reports, and all reports (errors and confusion).
ERROR_COLUMNS = ("sig_error", "found_error")
REPORT_COLUMNS = (*ERROR_COLUMNS, "sig_confusion", "confused")
REPORT_POSTS = Q(sig_error=True) | Q(sig_confusion=True) | Q(confused_count__gt=0) | Q(error_count__gt=0)
REPORT_REACTIONS = (ReactionKind.CONFUSED, ReactionKind.FOUND_ERROR)  # negative too
