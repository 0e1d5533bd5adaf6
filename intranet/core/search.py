"""Site search finds pages; some things people look for are not pages (the directory's
services are models with their own search). Apps offer their own search next to the
results through the ``register_search_elsewhere`` hook:
``fn(request, query) -> SearchElsewhere | None``.
"""

from dataclasses import dataclass

from django.http import HttpRequest

from wagtail import hooks

HOOK_NAME = "register_search_elsewhere"


@dataclass
class SearchElsewhere:
    key: str
    text: str
    url: str


def searches_elsewhere(request: HttpRequest, query: str) -> list[SearchElsewhere]:
    return [link for fn in hooks.get_hooks(HOOK_NAME) if (link := fn(request, query)) is not None]
