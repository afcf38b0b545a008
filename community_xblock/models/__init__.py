"""The system of record for everything learners share in a unit's community.

Shape (close to Discourse's topic/post split, which keeps reactions, flags and edits on one table):

    Community 1─* Thread 1─* Post (the opening post, responses, and comments on responses)
                    │            ├─* Reaction   one per (post, user, kind)
                    │            └─* Flag       one per (post, user)
                    ├─* Follow                  one per (thread, user)
                    └─→ Anchor                  the unit component the thread is about
    Community 1─* Alert 1─* AlertPost           what the detectors raised, and the posts behind it
    Community 1─* Erratum                       the course team's corrections of an error
    Webhook (per course) 1─* Delivery *─1 Alert  where alerts are sent, and each sending's attempts
    Community 1─* ModerationAction              the course team's decisions, who/when/why, and their undoing
    Community 1─* Visit                         one per (community, user): "new since your last visit"
    Community 1─* ActivityTally, Participant, HelpedPeer, ThreadReplier, ThemeTally, ThemeForm, ThemeOrigin,
                  AnswerDelay                   aggregates kept on write (aggregates.py): what reports read
    Course ─* CommunityExpert, CandidateDecision, TalentOptOut; Community 1─* Endorsement
                                                the course team's and peers' side of the talent detector
    Course ─* Event (for a unit, or course-wide) 1─* Rsvp, 1─* EventReminder (who was emailed)
    Course 1─ CourseCharter ─* CharterAcceptance
                                                the strategist's hot-spot events and editorial line

Counters (reactions, replies, flags, followers) are denormalised on the rows people list, so a page never
counts rows; they change only through ``F()`` updates inside the transaction that adds or removes the
row they count, and unique constraints make a repeated reaction, flag or follow a no-op rather than a
double count. Users are identified by ``user_key``: the platform's user id as a string (the workbench's
student id outside the LMS), with the username kept beside it for display.
"""
from community_xblock.models.aggregates import (
    NOT_ABOUT_A_COMPONENT,
    POST_COLUMNS,
    TALLY_COLUMNS,
    THREAD_COLUMNS,
    WHOLE_UNIT,
    ActivityTally,
    AnswerDelay,
    HelpedPeer,
    Participant,
    TallyScope,
    ThemeForm,
    ThemeOrigin,
    ThemeTally,
    ThreadReplier,
)
from community_xblock.models.alerts import Alert, AlertKind, AlertPost, AlertStatus, DetectorState, Erratum
from community_xblock.models.community import (
    SEARCH_VERSION,
    TALLY_VERSION,
    USER_KEY_LENGTH,
    Anchor,
    Community,
    Visit,
)
from community_xblock.models.conversations import (
    REACTION_COUNTER,
    REVISION_REACTIONS,
    SCORING_REACTIONS,
    SIGNAL_FIELDS,
    TITLE_MAX_LENGTH,
    Flag,
    FlagDecision,
    Follow,
    Post,
    Reaction,
    ReactionKind,
    Thread,
    ThreadKind,
)
from community_xblock.models.delivery import Delivery, DeliveryFailure, DeliveryStatus, Webhook, WebhookFormat
from community_xblock.models.gatherings import (
    EVENT_TITLE_MAX_LENGTH,
    CharterAcceptance,
    CourseCharter,
    Event,
    EventKind,
    EventReminder,
    Rsvp,
    RsvpAnswer,
)
from community_xblock.models.insights import Keyphrase, PendingGrade, surface_digest
from community_xblock.models.moderation import (
    REASON_MAX_LENGTH,
    CourseFlagHistory,
    FlaggerRecord,
    ModerationAction,
    ModerationKind,
    ShippedWordList,
    WatchAction,
    WatchedWord,
)
from community_xblock.models.search import SearchTerm
from community_xblock.models.talent import (
    COURSE_WIDE,
    CandidateDecision,
    CommunityExpert,
    Decision,
    Endorsement,
    TalentOptOut,
    TalentRole,
)

__all__ = [
    "Alert", "AlertKind", "AlertPost", "AlertStatus", "DetectorState", "Erratum",
    "Delivery", "DeliveryFailure", "DeliveryStatus", "Webhook", "WebhookFormat",
    "NOT_ABOUT_A_COMPONENT", "POST_COLUMNS", "SEARCH_VERSION", "TALLY_COLUMNS", "TALLY_VERSION", "THREAD_COLUMNS",
    "WHOLE_UNIT",
    "ActivityTally", "AnswerDelay", "HelpedPeer", "Participant", "TallyScope", "ThemeForm", "ThemeOrigin",
    "ThemeTally", "ThreadReplier",
    "EVENT_TITLE_MAX_LENGTH", "CharterAcceptance", "CourseCharter", "Event", "EventKind", "EventReminder", "Rsvp",
    "RsvpAnswer", "SearchTerm",
    "COURSE_WIDE", "CandidateDecision", "CommunityExpert", "Decision", "Endorsement", "TalentOptOut", "TalentRole",
    "REACTION_COUNTER", "REVISION_REACTIONS", "SCORING_REACTIONS", "SIGNAL_FIELDS", "TITLE_MAX_LENGTH",
    "USER_KEY_LENGTH", "Anchor",
    "Community", "Flag", "Follow", "Keyphrase", "PendingGrade", "Post", "Reaction", "ReactionKind", "Thread",
    "ThreadKind", "Visit", "surface_digest", "REASON_MAX_LENGTH", "ModerationAction", "ModerationKind",
    "CourseFlagHistory", "FlagDecision", "FlaggerRecord", "ShippedWordList", "WatchAction", "WatchedWord",
]
