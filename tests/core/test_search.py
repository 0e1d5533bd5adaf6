import pytest

from intranet.core.models import ContentPage, HomePage
from network.models import NetworkDirectoryPage, SupportOfficePage
from tests.network.factories import ServiceProviderFactory


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
    html = client_for(staff_user).get("/search/?q=Alvito").content.decode()
    assert "Rota de Alvito: procedimentos internos" in html
    assert "Gabinete de Alvito" in html
    assert "Alvito rascunho" not in html


@pytest.mark.django_db
def test_partner_never_gets_a_staff_page_or_its_title(client_for, partner_user, searchable_pages):
    response = client_for(partner_user).get("/search/?q=Alvito")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gabinete de Alvito" in html
    assert "procedimentos internos" not in html


@pytest.mark.django_db
def test_search_results_are_paginated(client_for, staff_user):
    home = HomePage.objects.get()
    for n in range(25):
        home.add_child(instance=ContentPage(title=f"Ficha Montemor {n}", slug=f"ficha-{n}"))
    response = client_for(staff_user).get("/search/?q=Montemor")
    assert response.context["page_obj"].paginator.count == 25
    assert len(response.context["page_obj"].object_list) == 20
    response = client_for(staff_user).get("/search/?q=Montemor&page=2")
    assert len(response.context["page_obj"].object_list) == 5


@pytest.mark.django_db
def test_empty_search_shows_the_form_only(client_for, staff_user):
    response = client_for(staff_user).get("/search/")
    assert response.status_code == 200
    assert response.context["page_obj"] is None


@pytest.mark.django_db
def test_search_points_to_the_directory_for_services(client_for, partner_user):
    """Services (AIMA, health centres...) are directory entries, not pages: the page search
    cannot find them, so it offers the same words in the directory's own search."""
    ServiceProviderFactory(slug="aima-evora", name="AIMA Évora", category="public-service")
    client = client_for(partner_user)
    html = client.get("/search/?q=AIMA").content.decode()
    assert 'href="/directory/?q=AIMA"' in html
    assert "AIMA Évora" in client.get("/directory/?q=AIMA").content.decode()
