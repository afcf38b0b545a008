"""What each chat tool receives for an alert: the alert, its counts and a link back; learners' words only when
the course team turned that on (and never their names). And for an event's reminder: what, when, how many
answered, and its host (a learner hosting is not named).

- ``generic``: JSON documented in the README, signed by ``sending.signature``;
- ``slack``: an incoming webhook's ``text`` with ``blocks`` (mrkdwn);
- ``mattermost``: an incoming webhook's Markdown ``text``;
- ``teams``: a Workflows webhook's message with one Adaptive Card (schema 1.4).
"""
import re
from datetime import UTC

from django.utils import formats, translation

from community_xblock.conversations.presenters import excerpt
from community_xblock.gatherings.presenters import local_time, public_host, reminder_title
from community_xblock.insights.detectors.presenters import alert_title, alert_why
from community_xblock.models import WebhookFormat

EXCERPTS = 3
MENTION = re.compile(r"@(?=\w)")


def build(webhook, delivery, alert, posts, translator):
    """The body (a dict, sent as JSON) of ``delivery`` of ``alert`` (with its ``posts``) to ``webhook``."""
    community = alert.community
    facts = {
        "title": alert_title(alert, translator.gettext),
        "why": alert_why(alert, translator, with_theme=webhook.include_text),
        "figures": {key: value for key, value in alert.detail.items() if key != "theme" or webhook.include_text},
        "link": community.page_url or None,
        "excerpts": [excerpt(post.body) for post in posts[:EXCERPTS]] if webhook.include_text else [],
    }
    if webhook.format == WebhookFormat.GENERIC:
        return _generic(delivery, alert, posts, facts)
    facts["card"] = [(translator.gettext("Posts"), str(alert.post_count)),
                     (translator.gettext("Raised"), _moment(alert.fired_at, translator.language))]
    return CHAT_BUILDERS[webhook.format](facts, translator)


def build_reminder(webhook, delivery, event, translator):
    """The body of ``delivery`` of the reminder of ``event`` (an Event, its unit's community selected) to
    ``webhook``: the course's channel hears that it starts soon, with its time in its own zone."""
    gettext, host = translator.gettext, public_host(event, translator)
    link = event.link or (event.community.page_url if event.community_id else "") or None
    facts = {"title": reminder_title(event, translator),
             "why": translator.ngettext("%(count)s person going, %(interested)s interested.",
                                        "%(count)s people going, %(interested)s interested.", event.going)
             % {"count": event.going, "interested": event.interested},
             "link": link, "excerpts": []}
    if webhook.format == WebhookFormat.GENERIC:
        return {"event": "community.event_reminder", "delivery_id": delivery.pk,
                "community_event": {"id": event.pk, "kind": event.kind, "title": event.title,
                                    "starts_at": event.starts_at.isoformat(), "ends_at": event.ends_at.isoformat(),
                                    "time_zone": event.time_zone, "link": event.link or None, "host": host,
                                    "going": event.going, "interested": event.interested,
                                    "capacity": event.capacity, "course_wide": event.community_id is None}}
    facts["card"] = [(gettext("Starts"), local_time(event, translator.language)), (gettext("Host"), host)]
    return CHAT_BUILDERS[webhook.format](facts, translator)


def _generic(delivery, alert, posts, facts):
    community = alert.community
    return {
        "event": "community.alert",
        "delivery_id": delivery.pk,
        "alert": {"id": alert.pk, "kind": alert.kind, "title": facts["title"], "why": facts["why"],
                  "component": alert.component_name, "fired_at": alert.fired_at.isoformat(),
                  "status": alert.status, "post_count": alert.post_count, "figures": facts["figures"]},
        "community": {"key": str(community), "name": community.display_name, "url": facts["link"]},
        "posts": [{"id": post.pk, "source_id": post.source_id,
                   **({"excerpt": text} if text else {})}
                  for post, text in zip(posts, facts["excerpts"] + [None] * len(posts), strict=False)],
    }


def _quoted(text, translator):
    return translator.gettext("“%(excerpt)s”") % {"excerpt": text}


def _lines(facts, translator, bullet, escape):
    return [escape(facts["why"]), *(f"{bullet} {escape(_quoted(text, translator))}" for text in facts["excerpts"])]


def _slack_text(text):
    """Slack's mrkdwn reads &, < and > as markup (links, mentions): written as its entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mattermost_text(text):
    """No @channel, @all or @someone from a title or an excerpt: a zero-width space after every @."""
    return MENTION.sub("@\u200b", text)


def _slack(facts, translator):
    link, title = facts["link"], _slack_text(facts["title"])
    heading = f"*<{link}|{title}>*" if link else f"*{title}*"
    body = "\n".join([heading, *_lines(facts, translator, ">", _slack_text)])
    return {"text": title, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": body}}]}


def _mattermost(facts, translator):
    link, title = facts["link"], _mattermost_text(facts["title"])
    heading = f"#### [{title}]({link})" if link else f"#### {title}"
    return {"text": "\n".join([heading, *_lines(facts, translator, ">", _mattermost_text)])}


def _moment(moment, language):
    """A date and time as the channel's language writes them (Django's formats for it), in UTC."""
    with translation.override(language):
        return formats.date_format(moment.astimezone(UTC), "DATETIME_FORMAT") + " UTC"


def _teams(facts, translator):
    gettext = translator.gettext
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": facts["title"], "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "TextBlock", "text": facts["why"], "wrap": True},
            {"type": "FactSet", "facts": [{"title": title, "value": value} for title, value in facts["card"]]},
            *({"type": "TextBlock", "text": _quoted(text, translator), "wrap": True, "isSubtle": True}
              for text in facts["excerpts"]),
        ],
        "actions": ([{"type": "Action.OpenUrl", "title": gettext("Open the community"), "url": facts["link"]}]
                    if facts["link"] else []),
    }
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}]}


CHAT_BUILDERS = {WebhookFormat.SLACK: _slack, WebhookFormat.MATTERMOST: _mattermost, WebhookFormat.TEAMS: _teams}
