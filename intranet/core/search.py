"""Site search finds pages; some things people look for are not pages (the directory's
services are models with their own search). Apps offer their own search next to the
results through the ``register_search_elsewhere`` hook:
``fn(request, query) -> SearchElsewhere | None``.
"""

import re
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


# --- the query: words, never syntax ------------------------------------------------------
# The SQLite full-text backend passes each term into an FTS5 MATCH expression; a double
# quote, a bracket or a bare ``NEAR``/``*`` in what someone typed would make that expression
# invalid (a 500). Keeping only the words (letters and digits, accents included) makes every
# query valid: ``Lei "23/2007"`` searches for Lei, 23 and 2007.

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
_WORD = re.compile(r"\w+")


def plain_words(text: str) -> str:
    """The words of ``text``, space-separated; "" when there are none."""
    words = _WORD.findall((text or "")[:MAX_QUERY_LENGTH].replace("_", " "))
    return " ".join(words[:MAX_WORDS])
