"""Every training page comes from the section's base template (its stylesheet, its
navigation with the current item marked) and writes no section's path: renaming the
programme's slug in the admin breaks no link."""

from django.urls import reverse

import pytest

from .factories import CertificateFactory, SupportOfficeFactory, TopicRequestFactory
from .html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(programme, module, session, past_session, staff_user):
    """(address, the navigation item it belongs to) for every training page."""
    topic_request = TopicRequestFactory(requester=staff_user)
    return [
        (programme.url, "Programa"),
        (module.url, "Programa"),
        (reverse("training:session-list"), "Sessões"),
        (reverse("training:session-detail", args=[session.pk]), "Sessões"),
        (reverse("training:attendance", args=[past_session.pk]), "Sessões"),
        (reverse("training:progress"), "As minhas horas"),
        (reverse("training:progress-person", args=[staff_user.pk]), None),
        (reverse("training:calendar"), "Calendários para subscrever"),
        (reverse("training:request-list"), "Pedidos de temas"),
        (reverse("training:request-triage-list"), "Triagem de pedidos"),
        (reverse("training:request-triage", args=[topic_request.pk]), "Triagem de pedidos"),
        (reverse("training:report"), "Relatório"),
    ]


def test_every_page_has_the_section_s_stylesheet_nav_and_one_heading(
    pages, coordinator_user, client_for
):
    client = client_for(coordinator_user)
    for url, current in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = parse(response.content)
        sheets = [link.get("href") for link in page.find_all("link")]
        assert sum("css/training" in (href or "") for href in sheets) == 1, url
        nav = page.find(testid="training-nav")
        marked = [a.text for a in nav.find_all("a") if a.get("aria-current") == "page"]
        assert marked == ([current] if current else []), url
        assert len(page.find_all("h1")) == 1, url


def test_the_office_card_brings_its_stylesheet(session, client_for, staff_user):
    session.office = SupportOfficeFactory()
    session.save()
    url = reverse("training:session-detail", args=[session.pk])
    page = parse(client_for(staff_user).get(url).content)
    assert page.find(testid="office-card")
    assert any("css/office-card.css" in (link.get("href") or "") for link in page.find_all("link"))


def test_renaming_the_programme_s_slug_breaks_no_link(programme, module, client_for, staff_user):
    programme.slug = "formacao"
    programme.save_revision().publish()
    programme.refresh_from_db()
    assert programme.url == "/formacao/"
    client = client_for(staff_user)
    nav = parse(client.get(reverse("training:session-list")).content).find(testid="training-nav")
    assert nav.find("a").get("href") == "/formacao/"
    module.refresh_from_db()
    page = client.get(module.url)
    assert page.status_code == 200
    assert parse(page.content).find(testid="training-nav").find("a").get("href") == "/formacao/"


def test_the_verification_page_shows_no_staff_navigation_to_outsiders(client):
    certificate = CertificateFactory()
    url = reverse("training:certificate-verify", args=[certificate.code])
    page = parse(client.get(url).content)
    assert page.find(testid="certificate-valid")
    assert not page.find_all(testid="training-nav")


def test_coordinators_get_admin_links_by_name(
    programme, module, coordinator_user, staff_user, client_for
):
    page = parse(client_for(coordinator_user).get(module.url).content)
    assert page.find(testid="edit-module").get("href") == reverse(
        "wagtailadmin_pages:edit", args=[module.pk]
    )
    page = parse(client_for(coordinator_user).get(programme.url).content)
    assert page.find(testid="edit-programme").get("href") == reverse(
        "wagtailadmin_pages:edit", args=[programme.pk]
    )
    assert not parse(client_for(staff_user).get(module.url).content).find_all(testid="edit-module")
