"""The directory listing runs the same number of queries with 10 and 1,000 providers."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from network.models import ProviderOpeningHours, ServiceProvider
from tests.network.factories import SupportOfficeFactory


def _seed(count, languages):
    start = ServiceProvider.objects.count()
    providers = ServiceProvider.objects.bulk_create(
        ServiceProvider(
            slug=f"servico-{start + i}",
            name=f"Serviço {start + i:04d}",
            category="health-centre" if i % 2 else "housing",
            municipality="Évora" if i % 3 else "Cuba",
        )
        for i in range(count)
    )
    ProviderOpeningHours.objects.bulk_create(
        ProviderOpeningHours(
            provider=p, weekday=i % 7, opens=dt.time(9), closes=dt.time(20 if i % 2 else 17)
        )
        for i, p in enumerate(providers)
    )
    through = ServiceProvider.languages.through
    through.objects.bulk_create(
        through(serviceprovider=p, language=lang) for p in providers for lang in languages.values()
    )


def _count(client, url):
    client.get(url)  # warm-up: caches (site root paths, etc.)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/directory/",
        "/directory/?open_now=on&after_hours=on&language=pt",
        "/directory/?q=servi&municipality=%C3%89vora",
        "/directory/?page=3",
    ],
)
def test_listing_queries_do_not_grow(languages, staff_user, client_for, url):
    SupportOfficeFactory(
        slug="gabinete-evora", title="Gabinete de Apoio de Évora", hours=[(0, (9, 0), (17, 0))]
    )
    client = client_for(staff_user)
    _seed(10, languages)
    small = _count(client, url)
    _seed(990, languages)
    large = _count(client, url)
    assert small == large


@pytest.mark.django_db
def test_csv_export_queries_do_not_grow(languages, partner_user, client_for):
    client = client_for(partner_user)
    _seed(10, languages)
    small = _count(client, "/directory/export.csv")
    _seed(300, languages)
    large = _count(client, "/directory/export.csv")
    assert large - small <= 2  # prefetches run per 500-row chunk
