"""The people the tests act as, outside any runtime."""
from community_xblock.platform.identity import Viewer

LEARNER = Viewer("student_1", "student_1")
OTHER_LEARNER = Viewer("amelie", "amelie")
STAFF = Viewer("staff", "staff", is_staff=True)
