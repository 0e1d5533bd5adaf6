"""Pages in the site search: every live page the person may see (``visible_pages``),
except the page types another search type claims (support offices are "Offices")."""

from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.fields import StreamValue
from wagtail.search import index

from .search import SearchHit, SearchType, search_queryset, search_types
from .visibility import visible_pages


def page_texts(page) -> list[str]:
    """Plain texts of a page for its snippet: the search description, then the values of
    its searchable fields (rich text and StreamField as text), without touching related
    rows (so a page of results costs no query per result)."""
    texts = [page.search_description]
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = getattr(page, search_field.field_name, None)
        if isinstance(value, StreamValue):
            texts.append(" ".join(value.stream_block.get_searchable_content(value)))
        elif isinstance(value, str):
            texts.append(strip_tags(value))
    return texts


def search_pages(request: HttpRequest, words: str):
    claimed = [t.page_model for t in search_types() if t.page_model is not None]
    pages = visible_pages(request.user)
    if claimed:
        pages = pages.not_type(*claimed)
    return search_queryset(pages.specific(), words)


def page_hit(page, request: HttpRequest) -> SearchHit:
    return SearchHit(
        title=page.title,
        url=page.get_url(request) or "",
        kind=capfirst(page.get_verbose_name()),
        texts=page_texts(page),
    )


PAGES = SearchType(key="pages", label=_("Pages"), order=90, search=search_pages, hit=page_hit)
