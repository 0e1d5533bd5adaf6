"""One search box for everything a person may see.

Pages are the core's own type; every other kind of thing (people, services, training
sessions) comes from the app that owns it through the ``register_search_type`` hook,
``fn() -> SearchType``, so the core never imports a feature app. Each type searches with
Wagtail's search backend (the database backend: SQLite FTS5, whose tokenizer folds accents,
or PostgreSQL full text) on a queryset the app has already narrowed to what the person may
see, and turns a result into a ``SearchHit`` (title, address, a line saying what it is, and
plain texts to cut a snippet from). The core groups results by type, best match first,
highlights the words matched and cuts the snippet (``snippet``).

Apps may also offer their own search next to the results through the
``register_search_elsewhere`` hook: ``fn(request, query) -> SearchElsewhere | None``.
"""

import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from wagtail import hooks

from .caching import remember
from .roles import groups_key

HOOK_NAME = "register_search_elsewhere"
TYPE_HOOK_NAME = "register_search_type"


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


# --- types of things to find -------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    # What the thing is, in a few words: "Centro de saúde · Alvito", "Técnica · Portel".
    kind: str = ""
    # Plain texts (HTML is stripped) the snippet is cut from, most telling first; the text
    # the search index holds for the thing follows them.
    texts: Sequence[str] = ()


@dataclass(frozen=True)
class SearchType:
    """A kind of thing the site search finds.

    ``queryset(request)`` answers what ``request.user`` may see of this type, or None when
    the person may not see this type at all (partners: no people, no sessions); the core
    asks Wagtail's search index which of those match (``search_index.find``, one query for
    every type) and then fetches the few shown, one query per type, so the queryset
    carries the ``select_related`` that ``hit`` needs (and no prefetch: the snippet comes
    from the index's text). ``page_model``: a page type this search finds, which the
    general page search then leaves to it.
    """

    key: str
    label: str
    order: int
    queryset: Callable[[HttpRequest], Any]
    hit: Callable[[Any, HttpRequest], SearchHit]
    page_model: type | None = None
    # Whether the snippet may come from the text the index holds (when the hit's own texts
    # do not match): not where that text is a normalised copy made for matching.
    index_snippet: bool = True


def search_types() -> list[SearchType]:
    types = [fn() for fn in hooks.get_hooks(TYPE_HOOK_NAME)]
    return sorted(types, key=lambda t: (t.order, t.key))


def search_type(key: str) -> SearchType | None:
    return next((t for t in search_types() if t.key == key), None)


@dataclass
class ResultGroup:
    type: SearchType
    count: int
    hits: list[tuple[SearchHit, SafeString, SafeString]] = field(default_factory=list)


def present(search_type: SearchType, objects: Iterable, words: str, request: HttpRequest) -> list:
    """(hit, highlighted title, highlighted snippet) for each object (with, as
    ``_search_texts``, the text the index holds for it)."""
    hits = []
    for obj in objects:
        hit = search_type.hit(obj, request)
        texts = [*hit.texts]
        if search_type.index_snippet:
            # The index text of a model without a "title" field starts with its name.
            title = str(hit.title)
            texts += [
                text[len(title) :].lstrip() if title and text.startswith(title) else text
                for text in getattr(obj, "_search_texts", ())
            ]
        cut = snippet(texts, words)
        # Plain strings (no lazy translations, no texts): what the cache keeps.
        hit = replace(hit, title=str(hit.title), url=str(hit.url), kind=str(hit.kind), texts=())
        hits.append((hit, highlight(hit.title, words), cut))
    return hits


# Results are kept this long per (words, types, page, access, language), at most: any
# change to the data moves the content generation on (intranet.core.caching), but the
# search index may be brought up to date a moment later by the task worker.
SEARCH_SECONDS = 60


def search(
    request: HttpRequest, types: Sequence[SearchType], words: str, limit: int, offset: int = 0
) -> list[ResultGroup]:
    """For each type the person may see, in order, the ``limit`` best matches from
    ``offset`` and how many match in all; types with nothing found are left out. One
    query asks the index for every type, then one query per type fetches what is shown.

    What a person may see of each type depends only on their access (``groups_key``: the
    same for everyone with the same groups), so the results are cached per access and
    language, briefly (``SEARCH_SECONDS``)."""
    by_key = {search_type.key: search_type for search_type in types}
    digest = hashlib.sha256(
        "\n".join([words, ",".join(by_key), str(limit), str(offset)]).encode()
    ).hexdigest()
    key = f"search:{groups_key(request.user)}:{translation.get_language()}:{digest}"
    found = remember(
        key, lambda: _search(request, types, words, limit, offset), SEARCH_SECONDS, request=request
    )
    return [ResultGroup(by_key[k], count, hits) for k, count, hits in found]


def _search(request, types, words, limit, offset) -> list[tuple[str, int, list]]:
    from .search_index import find

    querysets = {}
    for search_type in types:
        queryset = search_type.queryset(request)
        if queryset is not None:
            querysets[search_type.key] = queryset
    found = find(querysets, words, limit, offset)
    groups = []
    for search_type in types:
        one = found.get(search_type.key)
        if one is None:
            continue
        by_id = {str(obj.pk): obj for obj in querysets[search_type.key].filter(pk__in=one.ids)}
        objects = []
        for object_id in one.ids:
            if object_id in by_id:
                obj = by_id[object_id]
                obj._search_texts = one.texts.get(object_id, ())
                objects.append(obj)
        groups.append((search_type.key, one.total, present(search_type, objects, words, request)))
    return groups


def grouped_results(request: HttpRequest, words: str, per_group: int) -> list[ResultGroup]:
    """The first ``per_group`` results of each type the person may see, types in order;
    types with nothing found are left out."""
    return search(request, search_types(), words, per_group)


# --- snippets and highlighting ------------------------------------------------------------


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased without accents, with the index in ``text`` of each folded
    character (so that matches found in the folded text can be marked in the original)."""
    folded, where = [], []
    for i, char in enumerate(text):
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).casefold()
        for c in plain:
            folded.append(c)
            where.append(i)
    return "".join(folded), where


def _matches(text: str, words: str) -> list[tuple[int, int]]:
    """Spans of ``text`` where a word begins with one of ``words`` (accents and case
    ignored), whole words of text marked: "saude" marks "Saúde", "ucran" marks "ucraniano"."""
    terms = {_fold(w)[0] for w in words.split() if w}
    if not terms:
        return []
    folded, where = _fold(text)
    spans = []
    for match in _WORD.finditer(folded):
        if any(match.group().startswith(term) for term in terms):
            start = where[match.start()]
            end = where[match.end() - 1] + 1
            spans.append((start, end))
    return spans


def highlight(text: str, words: str) -> SafeString:
    """``text`` escaped, with the matched words in ``<mark>``."""
    text = text or ""
    out, last = [], 0
    for start, end in _matches(text, words):
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


SNIPPET_LENGTH = 180


def snippet(texts: Sequence[str], words: str, length: int = SNIPPET_LENGTH) -> SafeString:
    """A short passage of the first text where a word matched (else the start of the first
    text), about ``length`` characters, with the matched words highlighted."""
    plain = [" ".join(html.unescape(strip_tags(t)).split()) for t in texts if t]
    plain = [t for t in plain if t]
    if not plain:
        return mark_safe("")
    chosen, first = plain[0], None
    for text in plain:
        spans = _matches(text, words)
        if spans:
            chosen, first = text, spans[0][0]
            break
    if len(chosen) <= length:
        return highlight(chosen, words)
    start = 0 if first is None else max(0, first - length // 3)
    if start:
        space = chosen.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start + length
    if end < len(chosen):
        space = chosen.rfind(" ", start, end)
        end = space if space > start else end
    cut = highlight(chosen[start:end], words)
    prefix = "… " if start else ""
    suffix = " …" if end < len(chosen) else ""
    return mark_safe(f"{prefix}{cut}{suffix}")  # noqa: S308 - cut is escaped by highlight
