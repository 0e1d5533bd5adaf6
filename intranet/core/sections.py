"""Where the sections of the intranet live in the page tree.

Sections are Wagtail pages, so editors may rename them or change their slug. Code asks
here instead of writing ``/legal-updates/``: ``section_url("legal.LegalUpdateIndexPage")``.
Answers are memoised per request (several links on one page cost one query).
"""

from django.apps import apps
from django.http import HttpRequest

from wagtail.models import Page


def section_page(model_label: str) -> Page | None:
    model = apps.get_model(model_label)
    return model.objects.live().only("id", "url_path", "path", "depth").first()


def section_url(model_label: str, request: HttpRequest | None = None) -> str:
    memo = getattr(request, "_intranet_section_urls", None) if request is not None else None
    if memo is not None and model_label in memo:
        return memo[model_label]
    page = section_page(model_label)
    url = page.get_url(request) if page is not None else ""
    if request is not None:
        if memo is None:
            memo = request._intranet_section_urls = {}
        memo[model_label] = url or ""
    return url or ""
