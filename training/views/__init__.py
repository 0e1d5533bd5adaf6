"""The programme's pages, by concern: ``sessions`` (list, detail, booking), ``attendance``
(the register, self-study), ``progress`` (the hours ledger), ``calendar`` (feeds),
``requests`` (topic requests and triage), ``reports`` (coordinators) and
``certificates``. Views stay thin: the rules are in ``training.services``."""

from django.core.paginator import Page, Paginator

PER_PAGE = 25


def paginate(request, items, per_page: int = PER_PAGE) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))
