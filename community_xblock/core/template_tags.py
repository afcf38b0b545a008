"""The small pieces every post and list item repeats, as template tags (``{% load cx %}``): written in Python
because a list page draws them forty times, and an ``{% include %}`` each time costs a nested template render."""
from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import template_localtime

register = template.Library()


@register.simple_tag
def moment(value):
    """A <time> with the exact moment in the site's format and time zone; the page's script shows it as
    "3 hours ago" and keeps the exact one on hover (``title``)."""
    local = template_localtime(value)
    exact = date_format(local, "DATETIME_FORMAT")
    return format_html('<time datetime="{}" title="{}" data-relative>{}</time>', date_format(local, "c"), exact,
                       exact)


@register.simple_tag
def avatar(author):
    """The author's initials in a circle, hidden from screen readers (the name follows it); the course team's in
    the accent colour."""
    classes = "cx-avatar cx-avatar-staff" if author.get("staff") else "cx-avatar"
    return format_html('<span class="{}" aria-hidden="true">{}</span>', classes, author.get("initials") or "?")
