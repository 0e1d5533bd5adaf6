from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

# Which item of the training navigation each training URL belongs to; Wagtail pages (the
# programme and its modules) belong to "programme". Someone else's hours: no item.
NAV_ITEMS = {
    "session-list": "sessions",
    "session-detail": "sessions",
    "attendance": "sessions",
    "progress": "progress",
    "calendar": "calendar",
    "request-list": "requests",
    "request-triage-list": "triage",
    "request-triage": "triage",
    "report": "report",
}


@register.filter
def hours(value) -> str:
    """Hours as people write them: 6, 3,5, 2,25 (no trailing zeros; localised)."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value))
    if number == number.to_integral():
        return number_format(number.quantize(Decimal(1)))
    return number_format(number.normalize())


@register.inclusion_tag("training/includes/nav.html", takes_context=True)
def training_nav(context):
    """The section's navigation, with the current item marked."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    in_training = match is not None and match.namespace == "training"
    return {
        "current": NAV_ITEMS.get(match.url_name, "") if in_training else "programme",
        "request": request,
        "user_is_coordinator": context.get("user_is_coordinator"),
    }
