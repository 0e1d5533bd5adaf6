"""Office pages, the office card, the map, partner organisations and the role matrix."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.urls import reverse

import pytest
import time_machine

from network.models import PartnerOrganisation
from tests.core.factories import PASSWORD
from tests.network.factories import SupportOfficeFactory

LISBON = ZoneInfo("Europe/Lisbon")

DIRECTORY_URLS = [
    "/directory/",
    "/directory/?print=1",
    "/directory/map/",
    "/directory/partners/",
    "/directory/export.csv",
    "/directory/gabinete-cuba/",
    "/directory/offices/gabinete-cuba/vcard.vcf",
]


@pytest.fixture
def cuba(languages):
    return SupportOfficeFactory(
        slug="gabinete-cuba",
        title="Gabinete de Apoio de Cuba",
        municipality="Cuba",
        host_organisation="Câmara Municipal de Cuba",
        in_town_hall=True,
        address="Rua Serpa Pinto, 84\n7940-172 Cuba",
        phone="284 419 905",
        email="gabinete@cm-cuba.example",
        accessibility="Elevador no edifício.",
        latitude="38.16630",
        longitude="-7.89300",
        hours=[(4, (14, 0), (19, 0)), (0, (9, 0), (12, 30))],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator", "partner", "admin"])
@pytest.mark.parametrize("url", DIRECTORY_URLS)
def test_everyone_logged_in_can_browse_the_directory(role_users, client_for, cuba, role, url):
    assert client_for(role_users[role]).get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", DIRECTORY_URLS)
def test_anonymous_is_sent_to_login(client, cuba, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/admin/snippets/network/serviceprovider/", "/training/", "/people/", "/admin/"]
)
def test_partner_gets_403_outside_the_directory(partner_user, client_for, url):
    assert client_for(partner_user).get(url).status_code == 403


@pytest.mark.django_db
def test_partner_lands_on_the_directory_after_login(partner_user, client):
    response = client.post(
        "/accounts/login/", {"username": "parceiro", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/directory/"
    assert response.status_code == 200
    assert 'data-testid="directory-filters"' in response.content.decode()


@pytest.mark.django_db
def test_office_page_shows_everything(cuba, languages, partner_user, client_for):
    cuba.languages = [languages["pt"], languages["ne"]]
    cuba.save_revision().publish()
    html = client_for(partner_user).get("/directory/gabinete-cuba/").content.decode()
    for text in [
        "Câmara Municipal de Cuba",
        "Rua Serpa Pinto, 84",
        "284 419 905",
        "gabinete@cm-cuba.example",
        "Elevador no edifício.",
        "Nepalês",
        "Segunda-feira",
        "09:00–12:30",
        "Sexta-feira",
        "14:00–19:00",
    ]:
        assert text in html
    # Monday is listed before Friday although it was entered second.
    assert html.index("Segunda-feira") < html.index("Sexta-feira")
    assert html.count("fora de horas") >= 1 or html.count("after hours") >= 1


@pytest.mark.django_db
def test_office_card_renders_for_other_apps(cuba):
    with time_machine.travel(dt.datetime(2026, 7, 17, 15, 0, tzinfo=LISBON), tick=False):
        html = render_to_string("network/includes/office_card.html", {"office": cuba})
    assert 'href="/directory/gabinete-cuba/"' in html
    assert "Rua Serpa Pinto, 84" in html
    assert 'data-testid="open-now"' in html


@pytest.mark.django_db
def test_map_is_an_inline_svg_with_links_and_no_external_assets(cuba, partner_user, client_for):
    html = client_for(partner_user).get("/directory/map/").content.decode()
    # The map, not the header's icons (also SVG).
    svg = html.split('data-testid="office-map"', 1)[1].split("</svg>", 1)[0]
    assert 'href="/directory/gabinete-cuba/"' in svg
    assert "<circle" in svg and ">Cuba</text>" in svg
    assert "https://" not in html and "http://" not in html.replace("http://www.w3.org", "")


@pytest.mark.django_db
def test_partner_organisations_are_listed_with_their_role(cuba, partner_user, client_for):
    PartnerOrganisation.objects.create(
        name="Câmara Municipal de Cuba",
        kind="municipality",
        role="Acolhe o gabinete.",
        office=cuba,
    )
    PartnerOrganisation.objects.create(
        name="FACETS", kind="transnational", role="Troca de práticas.", sort_order=9
    )
    html = client_for(partner_user).get("/directory/partners/").content.decode()
    assert "Câmara Municipal de Cuba" in html and "Acolhe o gabinete." in html
    assert "FACETS" in html and "Troca de práticas." in html
    assert html.index("Câmara Municipal de Cuba") < html.index("FACETS")


@pytest.mark.django_db
def test_dashboard_panel_shows_offices_open_now(cuba, staff_user, partner_user, client_for):
    with time_machine.travel(dt.datetime(2026, 7, 17, 18, 30, tzinfo=LISBON), tick=False):
        html = client_for(staff_user).get("/").content.decode()
    assert 'data-testid="offices-open-now"' in html
    assert "Gabinete de Apoio de Cuba" in html


@pytest.mark.django_db
def test_directory_links_follow_the_section_when_it_is_renamed(
    cuba, secret_provider, staff_user, client_for
):
    directory = cuba.get_parent().specific
    directory.slug = "rede"
    directory.save_revision().publish()
    client = client_for(staff_user)
    for url in [
        reverse("network:office-map"),
        reverse("network:partner-list"),
        reverse("network:provider-detail", args=[secret_provider.slug]),
    ]:
        html = client.get(url).content.decode()
        assert 'class="breadcrumb"><a href="/rede/"' in html, url
    with time_machine.travel(dt.datetime(2026, 7, 17, 18, 30, tzinfo=LISBON), tick=False):
        html = client.get("/").content.decode()
    assert 'href="/rede/?open_now=on"' in html
    # No link to the old address (field mode's settings name /directory/offline/, a view
    # that stays at its URLconf address like the CSV and the map).
    assert 'href="/directory/' not in html


@pytest.mark.django_db
def test_map_draws_each_office_from_its_coordinates_with_distances_from_the_association(
    client_for, staff_user
):
    from decimal import Decimal

    from network.services import distance_km

    from .factories import SupportOfficeFactory

    association = SupportOfficeFactory(
        title="Gabinete de Apoio de Alcáçovas",
        in_town_hall=False,
        latitude=Decimal("38.3943"),
        longitude=Decimal("-8.1557"),
    )
    evora = SupportOfficeFactory(
        title="Gabinete de Apoio de Évora",
        in_town_hall=True,
        latitude=Decimal("38.5714"),
        longitude=Decimal("-7.9135"),
    )
    SupportOfficeFactory(title="Gabinete sem coordenadas", in_town_hall=True)
    html = client_for(staff_user).get("/directory/map/").content.decode()
    svg = html.split('data-testid="office-map"', 1)[1].split("</svg>", 1)[0]
    assert svg.count('data-testid="map-office"') == 2
    assert f'href="{association.url}" class="office-map__office office-map__office--hub"' in svg
    assert ">Évora</text>" in svg and ">Alcáçovas</text>" in svg
    km = round(distance_km(38.3943, -8.1557, 38.5714, -7.9135))
    assert 27 <= km <= 30  # about 28 km as the crow flies
    assert f">{km} km</text>" in svg
    assert evora.url in svg
    assert "style=" not in svg
