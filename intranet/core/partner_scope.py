"""Where a partner may go: the URL side of their confinement (``PartnerScopeMiddleware``).

A logged-in partner may open
- the fixed, non-page prefixes in ``settings.PARTNER_ALLOWED_PATHS`` (account pages,
  language switch, search, media, documents, static files, health check);
- the Django views of the URL namespaces in ``settings.PARTNER_ALLOWED_URL_NAMESPACES``
  (the directory's CSV, map, vCards...), wherever the URLconf mounts them;
- the sections open to partners (page classes with ``open_to_partners = True``: the
  network directory) and everything below them, at whatever address editors give them.

Section addresses come from the page tree, not from settings: they are cached, the cache
is cleared when a page is published, unpublished, renamed, moved or deleted, and a path
that looks forbidden is checked against the tree before the 403 — so a cache another
server process still holds never locks a partner out of a renamed directory. What a
partner may see inside the pages is decided by ``intranet.core.visibility``.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import URLResolver, get_resolver

from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

CACHE_KEY = "intranet:partner-section-urls"
CACHE_SECONDS = 600


def _section_urls_from_tree() -> tuple[str, ...]:
    open_models = [m for m in get_page_models() if getattr(m, "open_to_partners", False)]
    if not open_models:
        return ()
    content_types = ContentType.objects.get_for_models(*open_models).values()
    pages = (
        Page.objects.live()
        .filter(content_type__in=content_types)
        .order_by("path")
        .only("id", "path", "depth", "url_path")
    )
    return tuple(parts[2] for page in pages if (parts := page.get_url_parts()) is not None)


def section_urls(*, fresh: bool = False) -> tuple[str, ...]:
    """URL paths of the live sections open to partners, e.g. ``("/directory/",)``."""
    if not fresh:
        cached = cache.get(CACHE_KEY)
        if cached is not None:
            return tuple(cached)
    urls = _section_urls_from_tree()
    cache.set(CACHE_KEY, urls, CACHE_SECONDS)
    return urls


def view_prefixes() -> tuple[str, ...]:
    """Where the URLconf mounts the namespaces partners may use, e.g. ``("/directory/",)``."""
    namespaces = set(settings.PARTNER_ALLOWED_URL_NAMESPACES)
    return tuple(
        "/" + str(pattern.pattern)
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and pattern.namespace in namespaces
    )


def landing_url() -> str | None:
    """Where a partner starts: the first section open to them (the directory)."""
    urls = section_urls()
    return urls[0] if urls else None


def may_open(path: str) -> bool:
    if path.startswith(tuple(settings.PARTNER_ALLOWED_PATHS) + view_prefixes()):
        return True
    if path.startswith(section_urls()):
        return True
    # Before saying no, make sure an editor has not just moved the section.
    return path.startswith(section_urls(fresh=True))


@receiver(page_published, dispatch_uid="partner_scope_published")
@receiver(page_unpublished, dispatch_uid="partner_scope_unpublished")
@receiver(page_slug_changed, dispatch_uid="partner_scope_slug_changed")
@receiver(post_page_move, dispatch_uid="partner_scope_moved")
def forget_section_urls(**kwargs) -> None:
    cache.delete(CACHE_KEY)
    # Again once the change is committed: a request in between may have cached the old
    # addresses.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


@receiver(post_delete, dispatch_uid="partner_scope_deleted")
def forget_section_urls_on_delete(sender, **kwargs) -> None:
    if issubclass(sender, Page):
        forget_section_urls()
