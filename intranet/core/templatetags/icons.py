"""``{% icon "calendar" %}``: one of the intranet's own SVG icons (static/img/icons.svg),
decorative unless given a ``label`` (then announced as an image with that name)."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "", css_class: str = "") -> str:
    classes = f"icon icon--{name} {css_class}".strip()
    href = f"{static('img/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>',
        classes,
        href,
    )
