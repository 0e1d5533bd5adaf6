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


@register.simple_tag
def field_queue_texts() -> str:
    """The sentences of the waiting list (``static/js/field-mode.js``), in the page's
    language, as a JSON data block."""
    from django.conf import settings
    from django.utils.html import json_script
    from django.utils.translation import gettext as _

    texts = {
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "kinds": {"enquiry": _("Enquiry"), "visit": _("Outreach visit")},
        "saved_at": _("kept on this device at"),
        "refused": _("Not accepted: correct it and save it again."),
        "fix": _("Correct"),
        "fixing": _("The entry is back in the form: correct it and save it again."),
        "discard": _("Delete"),
        "discard_confirm": _("Delete this entry from the device? It has not been sent."),
        "sending": _("Sending…"),
        "sent": _("Sent: %(sent)s."),
        "some_refused": _("Not accepted: %(refused)s (see the reasons below)."),
        "log_in_again": _("Log in again to send the entries waiting on this device."),
        "failed": _("Could not send now; the entries stay on this device."),
        "offline": _(
            "No connection: what you save stays on this device and is sent when the "
            "connection comes back."
        ),
        "kept": _("Saved on this device. It will be sent when there is a connection."),
        "not_kept": _("This browser could not keep the entry: copy it down before leaving."),
    }
    return json_script(texts, "field-queue-texts")
