from django import template
from django.utils.html import json_script

from intranet.core.field_mode import page_config

register = template.Library()


@register.simple_tag(takes_context=True)
def field_mode_config(context) -> str:
    """The configuration ``static/js/field-mode.js`` reads (a JSON data block, which a
    strict Content-Security-Policy allows: it is not a script that runs)."""
    request = context.get("request")
    config = page_config(request) if request is not None else None
    return json_script(config, "field-mode-config") if config else ""
