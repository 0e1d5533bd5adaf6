"""Choosing an office in a report's filters, with any number of offices.

A small network (up to ``SELECT_UP_TO`` offices, as today) gets a select listing them; a
national one (800 offices) gets a text box instead, matched against office names and
municipalities, so no page carries hundreds of options. Both send ``office`` (an id, kept
in links, CSV addresses and the pagination); the text box sends ``office_q``, which wins
when it no longer names the chosen office. Several matches: the page lists the first
``MATCHES_SHOWN`` as links to choose from (a report that can filter by several offices
may use them all: ``office_ids``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import QueryDict

from intranet.core.caching import remember
from intranet.core.params import parse_id

from .models import SupportOfficePage

SELECT_UP_TO = 30
MATCHES_SHOWN = 10


@dataclass
class OfficeFilter:
    query: str = ""
    office: SupportOfficePage | None = None  # the one office chosen or matched
    matched: QuerySet | None = None  # several offices matched by the text (their ids)
    matches: list[SupportOfficePage] = field(default_factory=list)  # the first of them
    more_matches: bool = False
    options: list[SupportOfficePage] | None = None  # a select's options (small network)
    params: QueryDict | None = None

    @property
    def office_ids(self) -> list[int] | QuerySet | None:
        """The offices to keep (None: all)."""
        if self.office is not None:
            return [self.office.pk]
        return self.matched

    @property
    def no_match(self) -> bool:
        return bool(self.query) and self.office is None and not self.matches

    @property
    def key(self) -> str:
        """Names the offices kept, for cache keys."""
        if self.office is not None:
            return str(self.office.pk)
        return f"q={self.query}" if self.matches else "all"

    @property
    def match_links(self) -> list[tuple[str, str]]:
        return [(office.title, self.choose_url(office)) for office in self.matches]

    def choose_url(self, office: SupportOfficePage) -> str:
        """The current address with ``office`` chosen (and the text set to its title)."""
        params = self.params.copy() if self.params is not None else QueryDict(mutable=True)
        params["office"] = str(office.pk)
        params["office_q"] = office.title
        params.pop("page", None)
        return "?" + params.urlencode()


def _offices(queryset: QuerySet | None) -> QuerySet:
    return (queryset if queryset is not None else SupportOfficePage.objects.all()).only(
        "id", "title", "municipality", "path", "depth", "live"
    )


def _choices(offices: QuerySet, request=None) -> tuple[int, list[SupportOfficePage]]:
    """How many offices there are, and in a small network the offices themselves: kept
    in the cache (per content generation), so the filter costs no query once warm."""

    def compute():
        count = offices.count()
        return count, list(offices.order_by("title")) if count <= SELECT_UP_TO else []

    digest = hashlib.sha256(f"{SELECT_UP_TO}:{offices.query}".encode()).hexdigest()[:24]
    return remember(f"network:office-choices:{digest}", compute, request=request)


def office_filter(
    params: QueryDict, queryset: QuerySet | None = None, request=None
) -> OfficeFilter:
    """The office asked for in ``params`` (``office`` id, ``office_q`` text)."""
    offices = _offices(queryset)
    result = OfficeFilter(query=(params.get("office_q") or "").strip()[:100], params=params)
    count, options = _choices(offices, request)
    small = count <= SELECT_UP_TO
    if small:
        result.options = options
    office_id = parse_id(params.get("office"))
    if office_id is not None:
        chosen = (
            next((o for o in result.options if o.pk == office_id), None)
            if small
            else offices.filter(pk=office_id).first()
        )
        if chosen is not None and (small or not result.query or result.query == chosen.title):
            result.office, result.query = chosen, chosen.title
            return result
    if small or not result.query:
        result.query = ""
        return result
    text = Q(title__icontains=result.query) | Q(municipality__icontains=result.query)
    found = list(offices.filter(text).order_by("title")[: MATCHES_SHOWN + 1])
    if len(found) == 1:
        result.office = found[0]
    elif found:
        result.matches = found[:MATCHES_SHOWN]
        result.more_matches = len(found) > MATCHES_SHOWN
        result.matched = offices.filter(text).values("pk")
    return result
