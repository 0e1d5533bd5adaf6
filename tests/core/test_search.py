import re

import pytest

from intranet.core.models import ContentPage, HomePage
from network.models import NetworkDirectoryPage, SupportOfficePage
from tests.network.factories import ServiceProviderFactory


def text_of(html: str) -> str:
    """The page without the highlighting marks (a title reads as one string again)."""
    return re.sub(r"</?mark>", "", html)


@pytest.fixture
def searchable_pages(db):
    home = HomePage.objects.get()
    internal = home.add_child(
        instance=ContentPage(title="Rota de Alvito: procedimentos internos", slug="rota-interna")
    )
    internal.save_revision().publish()
    directory = NetworkDirectoryPage.objects.get()
    office = directory.add_child(
        instance=SupportOfficePage(title="Gabinete de Alvito", slug="alvito", municipality="Alvito")
    )
    office.save_revision().publish()
    draft = home.add_child(
        instance=ContentPage(title="Alvito rascunho", slug="rascunho", live=False)
    )
    draft.save_revision()
    return internal, office


@pytest.mark.django_db
def test_staff_find_pages_across_sections(client_for, staff_user, searchable_pages):
    html = text_of(client_for(staff_user).get("/search/?q=Alvito").content.decode())
    assert "Rota de Alvito: procedimentos internos" in html
    assert "Gabinete de Alvito" in html
    assert "Alvito rascunho" not in html


@pytest.mark.django_db
def test_partner_never_gets_a_staff_page_or_its_title(client_for, partner_user, searchable_pages):
    response = client_for(partner_user).get("/search/?q=Alvito")
    html = text_of(response.content.decode())
    assert response.status_code == 200
    assert "Gabinete de Alvito" in html
    assert "procedimentos internos" not in html


@pytest.mark.django_db
def test_search_results_are_paginated(client_for, staff_user):
    home = HomePage.objects.get()
    for n in range(25):
        home.add_child(instance=ContentPage(title=f"Ficha Montemor {n}", slug=f"ficha-{n}"))
    client = client_for(staff_user)
    response = client.get("/search/?q=Montemor")
    assert len(response.context["groups"][0].hits) == 5
    assert 'href="?q=Montemor&amp;type=pages"' in response.content.decode()
    response = client.get("/search/?q=Montemor&type=pages")
    assert response.context["page_obj"].paginator.count == 25
    assert len(response.context["page_obj"].object_list) == 20
    response = client.get("/search/?q=Montemor&type=pages&page=2")
    assert len(response.context["page_obj"].object_list) == 5
    first_page = {
        hit.title for hit, _t, _s in client.get("/search/?q=Montemor&type=pages").context["hits"]
    }
    second_page = {hit.title for hit, _t, _s in response.context["hits"]}
    assert len(first_page | second_page) == 25
    # Past the end, the last page (as Django's get_page answers).
    response = client.get("/search/?q=Montemor&type=pages&page=9")
    assert response.context["page_obj"].number == 2
    assert len(response.context["hits"]) == 5


@pytest.mark.django_db
def test_empty_search_shows_the_form_only(client_for, staff_user):
    response = client_for(staff_user).get("/search/")
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert response.context["groups"] == []


@pytest.mark.django_db
def test_search_points_to_the_directory_for_services(client_for, partner_user):
    """Services (AIMA, health centres...) are directory entries, not pages: the page search
    cannot find them, so it offers the same words in the directory's own search."""
    ServiceProviderFactory(slug="aima-evora", name="AIMA Évora", category="public-service")
    client = client_for(partner_user)
    html = client.get("/search/?q=AIMA").content.decode()
    assert 'href="/directory/?q=AIMA"' in html
    assert "AIMA Évora" in client.get("/directory/?q=AIMA").content.decode()


@pytest.fixture
def law_page(db):
    page = HomePage.objects.get().add_child(
        instance=ContentPage(title="Lei de estrangeiros: o que mudou", slug="lei-estrangeiros")
    )
    page.save_revision().publish()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['Lei "estrangeiros"', '"Lei estrangeiros', "(Lei) estrangeiros^", "Lei* -mudou"]
)
def test_search_treats_the_query_as_words(client_for, staff_user, law_page, query):
    response = client_for(staff_user).get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Lei de estrangeiros: o que mudou" in text_of(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', "'", "*", "NEAR", "()", '""""', "\\", "a AND OR NOT b"])
def test_search_without_words_answers_nothing_found(client_for, staff_user, query):
    response = client_for(staff_user).get("/search/", {"q": query})
    assert response.status_code == 200


def test_plain_words():
    from intranet.core.search import plain_words

    assert plain_words('Lei "23/2007"') == "Lei 23 2007"
    assert plain_words("Évora, ‘saúde’ & AIMA*") == "Évora saúde AIMA"
    assert plain_words('" ( ) *') == ""


@pytest.mark.django_db
def test_nul_characters_are_refused_before_any_view(client_for, staff_user):
    """PostgreSQL refuses NUL in text: such a parameter never reaches a query."""
    client = client_for(staff_user)
    for url in ["/search/?q=a%00b", "/legal-updates/feed/?token=%00", "/people/?q%00=x"]:
        response = client.get(url)
        assert response.status_code == 400, url
    assert client.post("/accounts/notifications/", {"kind": "x\x00"}).status_code == 400
