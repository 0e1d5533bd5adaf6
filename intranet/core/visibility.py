"""Which pages a user may see, as one queryset, for search, navigation and listings.

Two rules, both enforced on the server:
- partners see only the sections whose page class says ``open_to_partners = True``
  (the network directory) and what lies below them;
- any Wagtail view restriction an editor sets in the admin's privacy settings holds too.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Page, PageViewRestriction, get_page_models

from .caching import remember
from .roles import group_names, groups_key, is_staff_member


def _restriction_accepts(restriction: PageViewRestriction, user) -> bool:
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        return False
    if not user.is_authenticated:
        return False
    if restriction.restriction_type == PageViewRestriction.LOGIN or user.is_superuser:
        return True
    allowed = {g.name for g in restriction.groups.all()}
    return bool(allowed & group_names(user))


def partner_paths() -> list[str]:
    """Tree paths of the subtrees partners may see."""
    open_models = [m for m in get_page_models() if getattr(m, "open_to_partners", False)]
    content_types = ContentType.objects.get_for_models(*open_models).values()
    return list(Page.objects.filter(content_type__in=content_types).values_list("path", flat=True))


def _scope(user) -> tuple[list[str] | None, list[str]]:
    """(paths the user is confined to, or None for no confinement; paths hidden from them).

    It depends only on the user's role and groups: cached on the user object (a request
    asks this several times) and, per role, between requests (intranet.core.caching).
    """
    cached = getattr(user, "_intranet_page_scope", None)
    if cached is not None:
        return cached

    def compute():
        confined = None if is_staff_member(user) else partner_paths()
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        hidden = [r.page.path for r in restrictions if not _restriction_accepts(r, user)]
        return (confined, hidden)

    if not user.is_authenticated:
        return compute()
    role = groups_key(user)
    scope = remember(f"page-scope:{role}", compute)
    user._intranet_page_scope = scope
    return scope


def _all_restrictions() -> list[PageViewRestriction]:
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def restrictions_for(page: Page) -> list[PageViewRestriction]:
    """The view restrictions on ``page`` and its ancestors (what Wagtail's
    ``Page.get_view_restrictions`` answers for a page that is not an alias), from the
    cache: editors rarely set them, and every page served asks."""
    return [
        restriction
        for restriction in remember("view-restrictions", _all_restrictions)
        if page.path.startswith(restriction.page.path)
    ]


def _any_prefix(paths: list[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def exclude_hidden(queryset, user):
    """Filter any Page queryset down to what ``user`` may see."""
    confined, hidden = _scope(user)
    if confined is not None:
        queryset = queryset.filter(_any_prefix(confined))
    if hidden:
        queryset = queryset.exclude(_any_prefix(hidden))
    return queryset


def visible_pages(user):
    return exclude_hidden(Page.objects.live(), user)


def can_see_page(user, page: Page) -> bool:
    confined, hidden = _scope(user)
    if confined is not None and not any(page.path.startswith(p) for p in confined):
        return False
    return not any(page.path.startswith(p) for p in hidden)
