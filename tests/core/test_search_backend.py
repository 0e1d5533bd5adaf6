"""The search backend follows the database: SQLite's full-text index, or PostgreSQL's
full-text search with the Portuguese configuration (stemming, stop words). This file runs
on both databases (`make test` and `make test-postgres`)."""

from django.conf import settings
from django.db import connection

from wagtail.search.backends import get_search_backend

import pytest

from intranet.core.models import ContentPage, HomePage


def found_titles(client, words: str) -> list[str]:
    response = client.get("/search/", {"q": words})
    return [hit.title for group in response.context["groups"] for hit, _t, _s in group.hits]


@pytest.fixture
def renewal_page(db):
    home = HomePage.objects.get()
    page = home.add_child(
        instance=ContentPage(
            title="Renovações de autorizações de residência",
            slug="renovacoes",
            summary="Os prazos das renovações mudaram.",
        )
    )
    page.save_revision().publish()
    return page


def test_postgresql_searches_in_portuguese():
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    if connection.vendor == "postgresql":
        assert config == "portuguese"
        assert get_search_backend().config == "portuguese"
        assert get_search_backend().folded_config == "portuguese_unaccent"
    else:
        assert config is None


@pytest.mark.django_db
def test_staff_find_a_page_by_a_word_in_it_on_either_database(client_for, staff_user, renewal_page):
    client = client_for(staff_user)
    assert "Renovações de autorizações de residência" in found_titles(client, "renovações")
    assert "Renovações de autorizações de residência" not in found_titles(client, "hipopótamo")


@pytest.mark.django_db
def test_on_postgresql_the_singular_finds_the_plural(client_for, staff_user, renewal_page):
    """Portuguese stemming: "renovação" finds a page that only says "renovações". SQLite's
    index has no Portuguese stemmer, so there the exact word is needed."""
    found = found_titles(client_for(staff_user), "renovação")
    assert ("Renovações de autorizações de residência" in found) is (
        connection.vendor == "postgresql"
    )


@pytest.mark.django_db
def test_accents_ignored_and_plurals_still_found(client_for, staff_user, renewal_page):
    """Folding accents must not cost the Portuguese stemming: on PostgreSQL an unaccented
    configuration alone stems "renovação" and "renovações" apart (the stemmer needs the
    tilde and the cedilla), so the index holds both forms."""
    client = client_for(staff_user)
    title = "Renovações de autorizações de residência"
    assert title in found_titles(client, "renovacoes autorizacoes residencia")
    assert title in found_titles(client, "RESIDÊNCIA")
    if connection.vendor == "postgresql":
        assert title in found_titles(client, "renovação")
        assert title in found_titles(client, "autorização")
