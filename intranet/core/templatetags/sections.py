"""``{% section_url "legal.LegalUpdateIndexPage" %}``: the address of a section page,
wherever an editor has moved it or whatever slug they gave it. Never write a section's
path in a template."""

from django import template

from intranet.core.sections import section_url

register = template.Library()


@register.simple_tag(takes_context=True, name="section_url")
def section_url_tag(context, model_label: str) -> str:
    return section_url(model_label, context.get("request"))


@register.filter(name="localised_title")
def localised_title_filter(page) -> str:
    """``{{ page|localised_title }}``: a section's English title when English is active."""
    from ..models import localised_title

    return localised_title(page)


@register.filter(name="nav_icon")
def nav_icon_filter(page) -> str:
    """``{{ section|nav_icon }}``: the icon a section page's class names (``nav_icon``), from
    its content type (cached per process: no query)."""
    return getattr(page.specific_class, "nav_icon", "") if page is not None else ""
