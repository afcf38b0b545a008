"""What each chat tool receives for an alert: the alert, its counts and a link back; learners' words only when
the course team turned that on (and never their names).

- ``generic``: JSON documented in the README, signed by ``sending.signature``;
- ``slack``: an incoming webhook's ``text`` with ``blocks`` (mrkdwn);
- ``mattermost``: an incoming webhook's Markdown ``text``;
- ``teams``: a Workflows webhook's message with one Adaptive Card (schema 1.4).
"""
from datetime import UTC

from community_xblock.conversations.presenters import excerpt
from community_xblock.insights.detectors.presenters import alert_title, alert_why
from community_xblock.models import WebhookFormat

EXCERPTS = 3


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
    builders = {WebhookFormat.GENERIC: _generic, WebhookFormat.SLACK: _slack,
                WebhookFormat.MATTERMOST: _mattermost, WebhookFormat.TEAMS: _teams}
    return builders[webhook.format](delivery, alert, posts, facts, translator)


def _generic(delivery, alert, posts, facts, _translator):
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


def _lines(facts, translator, bullet):
    lines = [facts["why"]]
    lines += [f"{bullet} “{text}”" for text in facts["excerpts"]]
    return lines


def _slack(_delivery, _alert, _posts, facts, translator):
    link = facts["link"]
    heading = f"*<{link}|{facts['title']}>*" if link else f"*{facts['title']}*"
    body = "\n".join([heading, *_lines(facts, translator, ">")])
    return {"text": facts["title"], "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": body}}]}


def _mattermost(_delivery, _alert, _posts, facts, translator):
    link = facts["link"]
    heading = f"#### [{facts['title']}]({link})" if link else f"#### {facts['title']}"
    return {"text": "\n".join([heading, *_lines(facts, translator, ">")])}


def _teams(_delivery, alert, _posts, facts, translator):
    gettext = translator.gettext
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": facts["title"], "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "TextBlock", "text": facts["why"], "wrap": True},
            {"type": "FactSet", "facts": [
                {"title": gettext("Posts"), "value": str(alert.post_count)},
                {"title": gettext("Raised"), "value": alert.fired_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")},
            ]},
            *({"type": "TextBlock", "text": f"“{text}”", "wrap": True, "isSubtle": True}
              for text in facts["excerpts"]),
        ],
        "actions": ([{"type": "Action.OpenUrl", "title": gettext("Open the community"), "url": facts["link"]}]
                    if facts["link"] else []),
    }
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}]}
