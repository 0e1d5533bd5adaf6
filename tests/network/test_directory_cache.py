"""The directory's filters and results are cached per audience, language, minute and
filters (network.services.directory_context): what changes shows on the next request, and
what only staff may see never reaches a partner through the cache."""

import datetime as dt

import pytest
import time_machine

from network.models import ServiceProvider
from tests.network.factories import ServiceProviderFactory, SupportOfficeFactory
from tests.network.test_directory import LISBON, WEDNESDAY_EVENING, WEDNESDAY_MORNING

NOTE_ONLY_WORD = "palavrasonanota"


@pytest.fixture
def providers(languages):
    SupportOfficeFactory(
        slug="gabinete-portel",
        title="Gabinete de Apoio de Portel",
        municipality="Portel",
        hours=[(2, (9, 0), (17, 0))],
    )
    ServiceProviderFactory(
        slug="cs-evora",
        name="Centro de Saúde de Évora",
        municipality="Évora",
        referral_note=f"Pedir pela Dra. Ana ({NOTE_ONLY_WORD})",
        hours=[(2, (9, 0), (17, 0))],
    )


def _html(client, query=""):
    return client.get("/directory/" + query).content.decode()


@pytest.mark.django_db
def test_a_saved_renamed_or_deleted_provider_shows_on_the_next_request(
    providers, staff_user, client_for
):
    client = client_for(staff_user)
    assert "Centro de Saúde de Évora" in _html(client)
    provider = ServiceProvider.objects.get(slug="cs-evora")
    provider.name = "Unidade de Saúde de Évora"
    provider.save()
    html = _html(client)
    assert "Unidade de Saúde de Évora" in html and "Centro de Saúde de Évora" not in html
    ServiceProviderFactory(slug="novo", name="Serviço Acabado de Criar", municipality="Évora")
    assert "Serviço Acabado de Criar" in _html(client)
    provider.delete()
    assert "Unidade de Saúde de Évora" not in _html(client)


@pytest.mark.django_db
def test_a_partner_never_gets_the_results_cached_for_staff(
    providers, staff_user, partner_user, client_for
):
    """Staff find a provider by the words of its referral note; partners must not, even
    right after staff cached that very result."""
    query = f"?q={NOTE_ONLY_WORD}"
    assert "Centro de Saúde de Évora" in _html(client_for(staff_user), query)
    partner_html = _html(client_for(partner_user), query)
    assert "Centro de Saúde de Évora" not in partner_html
    # And the other way round: what a partner cached is not what staff are shown.
    assert "Centro de Saúde de Évora" in _html(client_for(staff_user), query)


@pytest.mark.django_db
def test_open_now_follows_the_clock_through_the_cache(providers, staff_user, client_for):
    client = client_for(staff_user)
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        assert "Centro de Saúde de Évora" in _html(client, "?open_now=on")
    with time_machine.travel(dt.datetime(2026, 7, 15, 16, 59, tzinfo=LISBON), tick=False):
        assert "Centro de Saúde de Évora" in _html(client, "?open_now=on")
    with time_machine.travel(dt.datetime(2026, 7, 15, 17, 1, tzinfo=LISBON), tick=False):
        assert "Centro de Saúde de Évora" not in _html(client, "?open_now=on")
    with time_machine.travel(WEDNESDAY_EVENING, tick=False):
        assert "Centro de Saúde de Évora" not in _html(client, "?open_now=on")


@pytest.mark.django_db
def test_the_page_language_is_part_of_the_key(providers, staff_user, client_for, settings):
    client = client_for(staff_user)
    assert "Todos" in _html(client)  # "All" in a filter, in Portuguese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _html(client)
    assert ">All<" in html and "Todos" not in html


@pytest.mark.django_db
def test_the_municipality_is_typed_with_suggestions_and_matched_without_accents(
    providers, partner_user, client_for
):
    client = client_for(partner_user)
    html = _html(client)
    # A text field with the known municipalities as suggestions, not a <select>.
    assert '<select name="municipality"' not in html
    assert 'list="id_municipality-suggestions"' in html
    assert '<option value="Évora">' in html and '<option value="Portel">' in html
    assert '<label for="id_municipality">' in html
    for typed in ("evora", "ÉVORA", "  Évora "):
        html = _html(client, f"?municipality={typed}")
        assert "Centro de Saúde de Évora" in html
        assert "Gabinete de Apoio de Portel" not in html
    # An unknown name is dropped like any filter that no longer fits.
    html = _html(client, "?municipality=Nenhures")
    assert "Centro de Saúde de Évora" in html and "Gabinete de Apoio de Portel" in html
