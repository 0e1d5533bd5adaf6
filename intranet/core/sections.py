"""Where the sections of the intranet live in the page tree.

Sections are Wagtail pages, so editors may rename them or change their slug. Code asks
here instead of writing ``/legal-updates/``: ``section_url("legal.LegalUpdateIndexPage")``.
Answers are memoised per request (several links on one page cost one query) and kept in
the cache between requests (forgotten when pages change: intranet.core.caching).
"""

from django.apps import apps
from django.http import HttpRequest
from django.urls import get_resolver

from wagtail.models import Page

from .caching import remember


def section_page(model_label: str) -> Page | None:
    model = apps.get_model(model_label)
    return model.objects.live().only("id", "url_path", "path", "depth").first()


def section_url(model_label: str, request: HttpRequest | None = None) -> str:
    memo = getattr(request, "_intranet_section_urls", None) if request is not None else None
    if memo is not None and model_label in memo:
        return memo[model_label]

    def find() -> str:
        page = section_page(model_label)
        return (page.get_url(request) if page is not None else "") or ""

    url = remember(f"section-url:{model_label}", find, request=request)
    if request is not None:
        if memo is None:
            memo = request._intranet_section_urls = {}
        memo[model_label] = url or ""
    return url or ""


def taken_slugs(app_label: str) -> set[str]:
    """First segments of the URLconf's own addresses (/accounts/, /admin/, /people/...)
    except those of ``app_label``'s views: a section of that app given one of these slugs
    would be hidden behind another part of the intranet."""
    taken = set()
    for pattern in get_resolver().url_patterns:
        first = str(pattern.pattern).split("/", 1)[0]
        if first and "<" not in first and getattr(pattern, "namespace", None) != app_label:
            taken.add(first)
    return taken
