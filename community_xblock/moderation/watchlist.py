"""The course team's watched words, course-wide: read, add, remove, and the shipped lists turned on or off."""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop as _

from community_xblock.core import course_cache, permissions
from community_xblock.core.errors import Conflict, NotFound
from community_xblock.models import ShippedWordList, WatchAction, WatchedWord
from community_xblock.moderation.shipped_words import SHIPPED, shipped_words

WORD_MAX_LENGTH = 60
LANGUAGES = {"": _("Every language"), "en": _("English"), "fr": _("French"), "hu": _("Hungarian")}


def read(space, viewer, gettext):
    """{words: [...], shipped: [...]}, plain data for the JSON answer and the template."""
    permissions.require_staff(viewer)
    community = space.community
    words = WatchedWord.objects.filter(org=community.org, course=community.course).order_by("language", "word")
    turned_on = set(ShippedWordList.objects.filter(org=community.org, course=community.course)
                    .values_list("language", flat=True))
    return {
        "words": [{"id": row.pk, "word": row.word, "language": row.language,
                   "language_label": gettext(LANGUAGES[row.language]),
                   "action": row.action, "action_label": gettext(WatchAction(row.action).label)} for row in words],
        "shipped": [{"language": language, "language_label": gettext(LANGUAGES[language]),
                     "on": language in turned_on, "count": len(shipped_words(language))} for language in SHIPPED],
        "languages": [(code, gettext(label)) for code, label in LANGUAGES.items()],
        "actions": [(action.value, gettext(action.label)) for action in WatchAction],
    }


def course_words(community):
    """[(word, action, language)] every learner post is screened against: the course's own words, then the shipped
    lists it turned on. Cached per course (every post asks; the words change when staff change them, below)."""
    def read_words():
        words = list(WatchedWord.objects.filter(org=community.org, course=community.course)
                     .values_list("word", "action", "language"))
        for language in ShippedWordList.objects.filter(org=community.org, course=community.course).values_list(
                "language", flat=True):
            words += [(word, action, language) for word, action in shipped_words(language)]
        return words

    return course_cache.remembered(community, course_cache.WATCHED_WORDS, read_words)


def _changed(community):
    course_cache.forget(community, course_cache.WATCHED_WORDS)


def add(space, viewer, *, word, language, action):
    permissions.require_staff(viewer)
    community = space.community
    try:
        with transaction.atomic():
            WatchedWord.objects.create(org=community.org, course=community.course, word=word, language=language,
                                       action=action, added_by=viewer.user_key)
    except IntegrityError:
        raise Conflict(_("“%(word)s” is watched already for this language."), word=word) from None
    _changed(community)


def remove(space, viewer, *, word_id):
    permissions.require_staff(viewer)
    community = space.community
    removed, _rows = WatchedWord.objects.filter(org=community.org, course=community.course, pk=word_id).delete()
    if not removed:
        raise NotFound(_("No such watched word in this course."))
    _changed(community)


def set_shipped(space, viewer, *, language, on):
    """Turn the shipped list of ``language`` on or off for the course."""
    permissions.require_staff(viewer)
    community = space.community
    if on:
        ShippedWordList.objects.get_or_create(org=community.org, course=community.course, language=language)
    else:
        ShippedWordList.objects.filter(org=community.org, course=community.course, language=language).delete()
    _changed(community)
