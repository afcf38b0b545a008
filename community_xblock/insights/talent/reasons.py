"""A candidate's figures in two to four sentences the course team can check, and the posts behind them.

``translator`` is anything with ``gettext`` and ``ngettext``: the block's i18n service in the staff view,
``django.utils.translation`` in the reports and exports.
"""
from community_xblock.conversations.presenters import excerpt
from community_xblock.models import TalentRole


def reasons(candidate, translator):
    if candidate.role == TalentRole.EXPERT:
        return _expert(candidate.figures, translator)
    if candidate.role == TalentRole.LEAD_USER:
        return _lead_user(candidate.figures, candidate.community_id is None, translator)
    return _trend_setter(candidate, translator)


def _expert(figures, translator):
    gettext, ngettext = translator.gettext, translator.ngettext
    lines = []
    if figures["answers"]:
        lines.append(ngettext(
            "Answered %(answers)s question of %(reach)s other learners; %(accepted)s accepted as the answer.",
            "Answered %(answers)s questions of %(reach)s other learners; %(accepted)s accepted as the answer.",
            figures["answers"]) % {"answers": figures["answers"], "reach": figures["reach"],
                                   "accepted": figures["accepted"]})
        lines.append(ngettext(
            "%(people)s learner found their posts helpful or insightful; thanked %(thanks)s times in replies.",
            "%(people)s learners found their posts helpful or insightful; thanked %(thanks)s times in replies.",
            figures["appreciated_by"]) % {"people": figures["appreciated_by"], "thanks": figures["thanks"]})
        lines.append(gettext(
            "Answers more than asks: z-score %(z)s (%(answers)s answers, %(questions)s questions); first answer "
            "after %(hours)s hours on average.") % {
            "z": f"{figures['answer_z']:.1f}", "answers": figures["answers"], "questions": figures["questions"],
            "hours": f"{figures['answer_hours']:.1f}"})
    if figures["endorsements"]:
        lines.append(ngettext("%(count)s peer says they know this topic.",
                              "%(count)s peers say they know this topic.", figures["endorsements"]) % {
            "count": figures["endorsements"]})
    return lines


def _lead_user(figures, course_wide, translator):
    ngettext = translator.ngettext
    lines = [ngettext("%(threads)s of their conversations drew %(min)s or more other learners.",
                      "%(threads)s of their conversations drew %(min)s or more other learners each.",
                      figures["taken_up"]) % {"threads": figures["taken_up"], "min": figures["min_repliers"]},
             ngettext("%(people)s learner replied in their conversations.",
                      "%(people)s learners replied in their conversations.", figures["drawn"]) % {
                 "people": figures["drawn"]}]
    if course_wide and figures["units"] > 1:
        lines.append(ngettext("Taken up in %(units)s unit.", "Taken up in %(units)s units of the course.",
                              figures["units"]) % {"units": figures["units"]})
    return lines


def _trend_setter(candidate, translator):
    gettext, ngettext = translator.gettext, translator.ngettext
    lines = [ngettext("First to raise “%(theme)s”: %(posts)s later post by others took it up in other "
                      "conversations.",
                      "First to raise “%(theme)s”: %(posts)s later posts by others took it up in other "
                      "conversations.", uptake) % {"theme": surface, "posts": uptake}
             + ("" if units < 2 else " " + gettext("It spread to %(units)s units.") % {"units": units})
             for surface, _post_id, uptake, units in candidate.themes[:2]]
    if len(candidate.themes) > 2:
        lines.append(gettext("%(count)s themes they raised grew later.") % {"count": len(candidate.themes)})
    return lines


def posts_of(candidate, unit_names):
    """The candidate's posts as plain data: a thread to open, an excerpt, the unit it is in."""
    return [{"id": row["pk"], "source_id": row["source_id"], "thread_id": row["thread_id"],
             "thread_title": row["thread__title"], "excerpt": excerpt(row["body"]), "created_at": row["created_at"],
             "community_id": row["community_id"], "unit": unit_names.get(row["community_id"], "")}
            for row in candidate.posts]
