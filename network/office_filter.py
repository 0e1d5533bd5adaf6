"""Choosing an office in a report's filters, with any number of offices.

A small network (up to ``SELECT_UP_TO`` offices, as today) gets a select listing them; a
national one (800 offices) gets a text box instead, matched against office names and
municipalities, so no page carries hundreds of options. Both send ``office`` (an id, kept
in links, CSV addresses and the pagination); the text box sends ``office_q``, which wins
when it no longer names the chosen office. Several matches: the page lists the first
``MATCHES_SHOWN`` as links to choose from (a report that can filter by several offices
may use them all: ``office_ids``). A small network honours the text too (older links
to the people finder carry one).

``OfficeChoiceField`` is the same idea in a form that saves an office (a profile, an
enquiry): a select up to ``SELECT_UP_TO`` offices, above it a text matched on the server
the same way, which must name exactly one office (or says which ones it could be).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from intranet.core.caching import remember
from intranet.core.params import IdModelChoiceField, parse_id

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


def matching(offices: QuerySet, text: str) -> QuerySet:
    """The offices whose name or municipality contains ``text``."""
    return offices.filter(Q(title__icontains=text) | Q(municipality__icontains=text))


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
    if not result.query:
        return result
    found = list(matching(offices, result.query).order_by("title")[: MATCHES_SHOWN + 1])
    if len(found) == 1:
        result.office = found[0]
    elif found:
        result.matches = found[:MATCHES_SHOWN]
        result.more_matches = len(found) > MATCHES_SHOWN
        result.matched = matching(offices, result.query).values("pk")
    return result


def find_office(
    offices: QuerySet, text: str
) -> tuple[SupportOfficePage | None, list[SupportOfficePage]]:
    """The one office of ``offices`` that ``text`` names: an id, else the exact name, else
    the only office whose name or municipality contains it. None if there is no such
    office, with the first ``MATCHES_SHOWN`` (+1) offices the text matched."""
    if (office_id := parse_id(text)) is not None:
        return offices.filter(pk=office_id).first(), []
    exact = list(offices.filter(title__iexact=text)[:2])
    if len(exact) == 1:
        return exact[0], []
    found = list(matching(offices, text).order_by("title")[: MATCHES_SHOWN + 1])
    if len(found) == 1:
        return found[0], []
    return None, found


def is_large(offices: QuerySet) -> bool:
    """More offices than a select should list (the count cached per content generation)."""
    count, _options = _choices(_offices(offices))
    return count > SELECT_UP_TO


class OfficeChoiceField(IdModelChoiceField):
    """The office a form saves, from ``queryset`` (the offices this person may choose).

    A select in a small network; above ``SELECT_UP_TO`` offices a text box, matched on the
    server like the office filter: a number (an office's id, as field mode and older pages
    send), else the exact name, else part of the name or municipality, which must name one
    office. Otherwise the form says which offices match (or that none does) and, as for any
    field error, keeps what was typed here and elsewhere.
    """

    def __init__(self, queryset: QuerySet, **kwargs):
        self.typed = is_large(queryset)
        if self.typed:
            kwargs["widget"] = forms.TextInput(
                attrs={"maxlength": 100, "autocomplete": "off", "data-testid": "office-typed"}
            )
            kwargs.setdefault("help_text", _("Type part of the office's name or its municipality."))
        super().__init__(queryset, **kwargs)

    @classmethod
    def replacing(cls, field: forms.ModelChoiceField, queryset: QuerySet) -> OfficeChoiceField:
        """This field in place of a model form's own ``field`` (same label and messages)."""
        kwargs = {"label": field.label, "required": field.required}
        if field.help_text:
            kwargs["help_text"] = field.help_text
        new = cls(queryset, empty_label=field.empty_label, **kwargs)
        new.error_messages = {**new.error_messages, **field.error_messages}
        return new

    def prepare_value(self, value):
        if not self.typed:
            return super().prepare_value(value)
        if isinstance(value, SupportOfficePage):
            return value.title
        if (office_id := parse_id(value)) is not None:
            title = self.queryset.filter(pk=office_id).values_list("title", flat=True).first()
            return title or str(value)
        return value or ""

    def to_python(self, value):
        if not self.typed:
            return super().to_python(value)
        text = " ".join(str(value or "").split())[:100]
        if not text:
            return None
        office, found = find_office(self.queryset, text)
        if office is not None:
            return office
        if parse_id(text) is not None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        if not found:
            raise forms.ValidationError(
                _("No office matches “%(text)s”: type part of its name or municipality."),
                code="no_office",
                params={"text": text},
            )
        names = ", ".join(office.title for office in found[:MATCHES_SHOWN])
        if len(found) > MATCHES_SHOWN:
            message = _("Several offices match “%(text)s”, among them %(names)s: type more.")
        else:
            message = _("Several offices match “%(text)s”: choose one of %(names)s.")
        raise forms.ValidationError(
            message, code="several_offices", params={"text": text, "names": names}
        )
