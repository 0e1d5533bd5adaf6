"""One search box for everything a person may see: people, offices, services, training
sessions and pages, grouped by type, matched words highlighted, accents ignored."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from intranet.core.models import ContentPage, HomePage
from intranet.core.search import highlight, snippet
from intranet.people.services import mark_as_left
from tests.network.factories import LanguageFactory, ServiceProviderFactory, SupportOfficeFactory
from tests.people.factories import ProfileFactory
from tests.training.factories import SessionFactory


def groups_of(response) -> dict[str, list[str]]:
    """{type key: [result titles without marks]} as the page shows them."""
    return {
        group.type.key: [re.sub(r"</?mark>", "", str(title)) for _hit, title, _s in group.hits]
        for group in response.context["groups"]
    }


@pytest.fixture
def network(db):
    ukrainian = LanguageFactory(code="uk", name="Ucraniano", name_en="Ukrainian")
    office = SupportOfficeFactory(title="Gabinete de Apoio de Portel", municipality="Portel")
    office.languages.set([ukrainian])
    office.save_revision().publish()
    andre = ProfileFactory(
        office=office,
        username="andre.pestana",
        first_name="André",
        last_name="Pestana",
        job_title="Mediador intercultural",
        languages=[("uk", "fluent")],
        expertise=["habitação"],
    )
    centre = ServiceProviderFactory(
        slug="cs-portel",
        name="Centro de Saúde de Portel",
        municipality="Portel",
        eligibility="Qualquer pessoa residente, com ou sem autorização de residência.",
        referral_note="Ligar à enfermeira Xerazade: saúde materna primeiro.",
    )
    centre.languages.set([ukrainian])
    centre.save()
    SessionFactory(title="Saúde mental e migração", trainer="Rita Pestana")
    return {"andre": andre, "office": office, "centre": centre}


@pytest.mark.django_db
def test_a_colleague_is_found_by_name_with_the_name_highlighted(client_for, staff_user, network):
    response = client_for(staff_user).get("/search/", {"q": "Pestana"})
    found = groups_of(response)
    assert found["people"] == ["André Pestana"]
    assert found["sessions"] == ["Saúde mental e migração"]  # the trainer's name
    html = response.content.decode()
    assert "André <mark>Pestana</mark>" in html
    assert 'href="/people/andre.pestana/"' in html
    assert "Mediador intercultural · Gabinete de Apoio de Portel" in html


@pytest.mark.django_db
def test_a_language_finds_people_offices_and_services_grouped_in_order(
    client_for, staff_user, network
):
    response = client_for(staff_user).get("/search/", {"q": "ucraniano"})
    found = groups_of(response)
    assert list(found) == ["people", "offices", "services"]
    assert found["people"] == ["André Pestana"]
    assert found["offices"] == ["Gabinete de Apoio de Portel"]
    assert found["services"] == ["Centro de Saúde de Portel"]
    html = response.content.decode()
    assert html.index('data-testid="search-group-people"') < html.index(
        'data-testid="search-group-services"'
    )
    assert "<mark>Ucraniano</mark>" in html  # the snippet says why it matched


@pytest.mark.django_db
def test_english_names_find_too(client_for, staff_user, network):
    found = groups_of(client_for(staff_user).get("/search/", {"q": "Ukrainian health"}))
    assert found == {"services": ["Centro de Saúde de Portel"]}


@pytest.mark.django_db
def test_a_partner_finds_health_centres_and_never_a_referral_note(
    client_for, partner_user, network
):
    response = client_for(partner_user).get("/search/", {"q": "saúde"})
    found = groups_of(response)
    assert found == {"services": ["Centro de Saúde de Portel"]}  # no session, no person
    html = response.content.decode()
    assert html.count("Centro de <mark>Saúde</mark> de Portel") == 1  # the snippet adds to it
    assert "Xerazade" not in html
    assert "materna" not in html
    # A word only the referral note holds finds nothing at all.
    assert groups_of(client_for(partner_user).get("/search/", {"q": "Xerazade"})) == {}


@pytest.mark.django_db
def test_accents_are_ignored(client_for, partner_user, network):
    """On both databases: SQLite's index folds accents, PostgreSQL's holds the words with
    accents folded as well (intranet.core.search_backend)."""
    response = client_for(partner_user).get("/search/", {"q": "saude"})
    assert groups_of(response) == {"services": ["Centro de Saúde de Portel"]}
    assert "Centro de <mark>Saúde</mark> de Portel" in response.content.decode()
    # With a stop word, and with words from the name and from the rest (its languages).
    for words in ["centro de saude", "saude ucraniano"]:
        found = groups_of(client_for(partner_user).get("/search/", {"q": words}))
        assert found == {"services": ["Centro de Saúde de Portel"]}, words
    # Typed with accents where the text has none, too.
    ServiceProviderFactory(slug="farmacia", name="Farmacia de Alvito", municipality="Alvito")
    response = client_for(partner_user).get("/search/", {"q": "farmácia"})
    assert groups_of(response) == {"services": ["Farmacia de Alvito"]}


@pytest.mark.django_db
def test_partners_find_no_people_even_by_exact_name(client_for, partner_user, network):
    response = client_for(partner_user).get("/search/", {"q": "Pestana"})
    assert groups_of(response) == {}
    assert (
        client_for(partner_user).get("/search/?q=Pestana&type=people").context["page_obj"] is None
    )


@pytest.mark.django_db
def test_leavers_never_appear(client_for, coordinator_user, network):
    mark_as_left(network["andre"])
    found = groups_of(client_for(coordinator_user).get("/search/", {"q": "Pestana"}))
    assert "people" not in found


@pytest.mark.django_db
def test_best_match_first(client_for, staff_user, db):
    ServiceProviderFactory(
        slug="escola", name="Agrupamento de Escolas", eligibility="Junto ao centro de saúde."
    )
    ServiceProviderFactory(slug="cs", name="Centro de Saúde de Alvito")
    found = groups_of(client_for(staff_user).get("/search/", {"q": "saúde"}))
    assert found["services"] == ["Centro de Saúde de Alvito", "Agrupamento de Escolas"]


@pytest.mark.django_db
def test_results_are_cached_per_access_and_a_change_shows_at_once(
    client_for, staff_user, partner_user, network
):
    staff = client_for(staff_user)
    assert "people" in groups_of(staff.get("/search/", {"q": "Pestana"}))
    with CaptureQueriesContext(connection) as again:
        assert "people" in groups_of(staff.get("/search/", {"q": "Pestana"}))
    assert len(again) <= 2  # the session and its user: the results come from the cache
    # A partner with the same words never gets the staff's results.
    partner = client_for(partner_user)
    assert groups_of(partner.get("/search/", {"q": "Pestana"})) == {}
    assert groups_of(partner.get("/search/", {"q": "saúde"})) == {
        "services": ["Centro de Saúde de Portel"]
    }
    # A change shows on the next search.
    centre = network["centre"]
    centre.name = "Unidade de Saúde de Portel"
    centre.save()
    assert groups_of(partner.get("/search/", {"q": "saúde"})) == {
        "services": ["Unidade de Saúde de Portel"]
    }


@pytest.mark.django_db
def test_query_count_does_not_grow_with_results(client_for, staff_user, db, monkeypatch):
    # Counting what building the results costs, not the cache that keeps them a minute.
    monkeypatch.setattr("intranet.core.search.SEARCH_SECONDS", 0)
    ukrainian = LanguageFactory(code="uk", name="Ucraniano", name_en="Ukrainian")

    def add(n):
        for _ in range(n):
            i = next(numbers)
            ProfileFactory(job_title="Técnica de Viana", languages=[("uk", "basic")])
            provider = ServiceProviderFactory(municipality="Viana do Alentejo")
            provider.languages.set([ukrainian])
            provider.save()
            SessionFactory(title=f"Viana sessão {i}")
            SupportOfficeFactory(title=f"Gabinete Viana {i}")
            page = HomePage.objects.get().add_child(
                instance=ContentPage(title=f"Viana, nota {i}", slug=f"viana-{i}", summary="Nota.")
            )
            page.save_revision().publish()

    numbers = iter(range(100))
    client = client_for(staff_user)
    add(6)  # more than a group shows, as below
    client.get("/search/", {"q": "Viana"})  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "Viana"})
    add(4)
    client.get("/search/", {"q": "Viana"})  # new pages: the cached navigation is rebuilt
    with CaptureQueriesContext(connection) as many:
        response = client.get("/search/", {"q": "Viana"})
    assert {g.type.key: g.count for g in response.context["groups"]} == {
        "people": 10,
        "offices": 10,
        "services": 10,
        "sessions": 10,
        "pages": 10,
    }
    assert len(many) == len(few)
    # The session's user, the index (every type at once), each type's rows shown, and the
    # people's languages and expertise for their snippet.
    assert len(many) <= 9


def test_highlight_marks_whole_words_ignoring_accents_and_escapes():
    assert highlight("Centro de Saúde <b>", "saude") == "Centro de <mark>Saúde</mark> &lt;b&gt;"
    assert highlight("Ucraniano, Russo", "ucran") == "<mark>Ucraniano</mark>, Russo"
    assert highlight("Évora", "evora") == "<mark>Évora</mark>"
    assert highlight("Pessoas", "saude") == "Pessoas"


def test_snippet_is_cut_around_the_first_match():
    text = ("Palavra " * 60) + "autorização de residência " + ("fim " * 60)
    cut = snippet(["", text], "residencia")
    assert "<mark>residência</mark>" in cut
    assert cut.startswith("… ") and cut.endswith(" …")
    assert len(re.sub(r"<[^>]+>", "", cut)) < 200
    assert snippet(["<p>Curto &amp; bom</p>"], "bom") == "Curto &amp; <mark>bom</mark>"
