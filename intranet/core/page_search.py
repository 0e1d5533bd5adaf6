"""Pages in the site search: every live page the person may see (``visible_pages``),
except the page types another search type claims (support offices are "Offices")."""

from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .search import SearchHit, SearchType, search_types
from .visibility import visible_pages


def visible_unclaimed_pages(request: HttpRequest):
    """Plain ``Page`` rows, not their specific types: a results page then costs one query
    whatever the mix of page types; the snippet comes from the index's text."""
    claimed = [t.page_model for t in search_types() if t.page_model is not None]
    pages = visible_pages(request.user)
    if claimed:
        pages = pages.not_type(*claimed)
    return pages


def page_hit(page, request: HttpRequest) -> SearchHit:
    return SearchHit(
        title=page.title,
        url=page.get_url(request) or "",
        kind=capfirst(page.specific_class._meta.verbose_name),
        texts=[page.search_description],
    )


PAGES = SearchType(
    key="pages", label=_("Pages"), order=90, queryset=visible_unclaimed_pages, hit=page_hit
)
