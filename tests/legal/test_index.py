"""The index: newest first, filters, search, pagination, constant queries."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from intranet.legal.models import LegalUpdatePage

from .factories import LegalUpdatePageFactory, MustReadUpdateFactory, bulk_create_updates


def titles(response):
    html = response.content.decode()
    return [
        part.split("</a>")[0].split(">")[-1]
        for part in html.split('data-testid="legal-update"')[1:]
    ]


def backdate(page, year):
    when = timezone.make_aware(datetime.datetime(year, 5, 1, 10))
    LegalUpdatePage.objects.filter(pk=page.pk).update(first_published_at=when)


@pytest.mark.django_db
def test_newest_first_and_filters(client_for, staff_user):
    a = LegalUpdatePageFactory(title="AIMA substitui o SEF", topics=["immigration-procedures"])
    b = LegalUpdatePageFactory(
        title="Número de utente", topics=["health"], summary="Centro de saúde e SNS 24."
    )
    c = LegalUpdatePageFactory(title="Antigo regime de saúde", topics=["health"])
    LegalUpdatePageFactory(title="Lei revogada", status="repealed")
    LegalUpdatePageFactory(title="Rascunho", live=False)
    backdate(a, 2023)
    backdate(b, 2025)
    backdate(c, 2024)
    d = LegalUpdatePageFactory(title="Regime novo", supersedes=c)
    client = client_for(staff_user)

    assert titles(client.get("/legal-updates/")) == [
        "Regime novo",
        "Lei revogada",
        "Número de utente",
        "Antigo regime de saúde",
        "AIMA substitui o SEF",
    ]
    assert titles(client.get("/legal-updates/?topic=health")) == [
        "Número de utente",
        "Antigo regime de saúde",
    ]
    assert titles(client.get("/legal-updates/?year=2023")) == ["AIMA substitui o SEF"]
    assert titles(client.get("/legal-updates/?status=superseded")) == ["Antigo regime de saúde"]
    assert titles(client.get("/legal-updates/?status=repealed")) == ["Lei revogada"]
    assert "Antigo regime de saúde" not in titles(client.get("/legal-updates/?status=in_force"))
    assert titles(client.get("/legal-updates/?q=SNS")) == ["Número de utente"]
    assert titles(client.get("/legal-updates/?q=SNS&topic=immigration-procedures")) == []
    assert d.pk


@pytest.mark.django_db
def test_bad_filter_values_do_not_break_the_page(client_for, staff_user):
    LegalUpdatePageFactory(title="Qualquer")
    response = client_for(staff_user).get("/legal-updates/?year=abc&status=zzz&page=999")
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()


@pytest.mark.django_db
def test_index_is_paginated_with_constant_queries(client_for, staff_user, legal_index):
    client = client_for(staff_user)
    MustReadUpdateFactory(title="Leitura obrigatória", topics=["housing"])
    bulk_create_updates(9)

    def count(url="/legal-updates/"):
        cache.clear()  # the page as built, not from the cache (see test_query_budgets)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response

    count()  # warm-up
    few, response = count()
    assert len(titles(response)) == 10
    bulk_create_updates(1990, start=9)
    many, response = count()
    assert len(titles(response)) == 20
    assert 'data-testid="pagination"' in response.content.decode()
    assert many == few
    last, response = count("/legal-updates/?page=100")
    assert len(titles(response)) == 20
    # No must-read update on that page: the reader's acknowledgements are not looked up.
    assert last == few - 1
