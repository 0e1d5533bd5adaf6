"""Dates as the network writes them, and the enquiry vocabulary, for the templates."""

import datetime

from django import template
from django.utils import timezone

from intranet.core.reports.periods import day_label, month_label
from intranet.core.topics import ENQUIRY_TOPICS, topic_label

from ..choices import PROBLEM_OUTCOMES

register = template.Library()


@register.filter
def long_date(value) -> str:
    """ "15 de março de 2025" / "15 March 2025" (Django's own formats capitalise the
    Portuguese month and put the English one first)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return day_label(value) if value else ""


@register.filter
def is_problem(outcome: str) -> bool:
    return outcome in PROBLEM_OUTCOMES


@register.simple_tag
def enquiry_topics():
    return ENQUIRY_TOPICS


@register.filter
def get(mapping, key):
    """``sections|get:"by-month"``: keys with hyphens, which template lookups cannot take."""
    return mapping.get(key) if mapping else None


@register.filter
def month_name(value) -> str:
    return month_label(value) if value else ""


@register.filter
def topic_name(slug: str) -> str:
    return topic_label(slug)
