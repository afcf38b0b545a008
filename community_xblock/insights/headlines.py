"""The evaluation's headline figures: participation, answered questions, open alerts and the top issue.

Read from what the unit and course reports already hold; the only figure they lack, the alerts still new, is one
indexed count (one for the whole course), so the figures cost the same for ten posts or a million.
"""
from community_xblock.insights.detectors import alerts


def share(part, whole):
    """``part`` of ``whole`` in whole percent, or None when there is nothing to divide."""
    return round(100 * part / whole) if whole else None


def unit_figures(community, report):
    """The unit's headline figures from its ``evaluation.unit_report``."""
    participation, questions = report["participation"], report["questions"]
    if report["backlog"]:
        top = report["backlog"][0]
        issue = {"kind": "component", "name": top["component"], "count": top["weight"]}
    elif report["themes"]:
        top = report["themes"][0]
        issue = {"kind": "theme", "name": top["phrase"], "count": top["count"]}
    else:
        issue = None
    return {
        "participation": {"posters": participation["posters"], "visitors": participation["viewers"],
                          "share": share(participation["posters"], participation["viewers"])},
        "answered": {"answered": questions["answered"], "questions": questions["total"],
                     "share": share(questions["answered"], questions["total"])},
        "open_alerts": alerts.open_count(community),
        "top_issue": issue,
    }


def course_figures(report):
    """The course's headline figures from its ``evaluation.course_report``: sums over its unit communities (a
    learner active in two units counts in each), the new alerts of them all, and the unit with the most confusion
    and error signals."""
    units = report["units"]
    posters, visitors = sum(unit["posters"] for unit in units), sum(unit["visitors"] for unit in units)
    answered, questions = sum(unit["answered"] for unit in units), sum(unit["questions"] for unit in units)
    heaviest = max(units, key=lambda unit: unit["confusion"] + unit["errors"], default=None)
    weight = heaviest["confusion"] + heaviest["errors"] if heaviest else 0
    return {
        "participation": {"posters": posters, "visitors": visitors, "share": share(posters, visitors)},
        "answered": {"answered": answered, "questions": questions, "share": share(answered, questions)},
        "open_alerts": alerts.open_count_in([unit["id"] for unit in units]),
        "top_issue": {"kind": "unit", "name": heaviest["name"], "count": weight} if weight else None,
    }
