"""Browsing /directory/: filters in the query string, open now in Lisbon time, pages."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from network.models import SupportOfficePage
from tests.network.factories import ServiceProviderFactory, SupportOfficeFactory

LISBON = ZoneInfo("Europe/Lisbon")
# A Wednesday (weekday 2), summer time: 19:15 in Lisbon is 18:15 UTC.
WEDNESDAY_EVENING = dt.datetime(2026, 7, 15, 19, 15, tzinfo=LISBON)
WEDNESDAY_MORNING = dt.datetime(2026, 7, 15, 10, 0, tzinfo=LISBON)


@pytest.fixture
def directory_data(languages):
    SupportOfficeFactory(
        slug="gabinete-cuba",
        title="Gabinete de Apoio de Cuba",
        municipality="Cuba",
        hours=[(2, (9, 0), (12, 30)), (2, (18, 0), (20, 0))],
    )
    SupportOfficeFactory(
        slug="gabinete-portel",
        title="Gabinete de Apoio de Portel",
        municipality="Portel",
        hours=[(2, (9, 0), (17, 0))],
    )
    ServiceProviderFactory(
        slug="cs-cuba",
        name="Centro de Saúde de Cuba",
        municipality="Cuba",
        hours=[(2, (8, 0), (20, 0))],
        languages=[languages["pt"]],
    )
    ServiceProviderFactory(
        slug="ae-portel",
        name="Agrupamento de Escolas de Portel",
        category="education",
        municipality="Portel",
        hours=[(0, (9, 0), (16, 0))],
        languages=[languages["ne"]],
    )
    ServiceProviderFactory(
        slug="assoc-ucranianos",
        name="Associação de Ucranianos",
        category="association",
        municipality="Évora",
        hours=[(5, (10, 0), (13, 0))],
        languages=[languages["uk"]],
    )


def _names(client, query=""):
    html = client.get("/directory/" + query).content.decode()
    names = {
        "Gabinete de Apoio de Cuba",
        "Gabinete de Apoio de Portel",
        "Centro de Saúde de Cuba",
        "Agrupamento de Escolas de Portel",
        "Associação de Ucranianos",
    }
    return {name for name in names if name in html}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            {
                "Gabinete de Apoio de Cuba",
                "Gabinete de Apoio de Portel",
                "Centro de Saúde de Cuba",
                "Agrupamento de Escolas de Portel",
                "Associação de Ucranianos",
            },
        ),
        ("?municipality=Cuba", {"Gabinete de Apoio de Cuba", "Centro de Saúde de Cuba"}),
        ("?category=education", {"Agrupamento de Escolas de Portel"}),
        ("?category=office", {"Gabinete de Apoio de Cuba", "Gabinete de Apoio de Portel"}),
        ("?language=uk", {"Associação de Ucranianos"}),
        ("?q=escolas", {"Agrupamento de Escolas de Portel"}),
        (
            "?after_hours=on",
            {"Gabinete de Apoio de Cuba", "Centro de Saúde de Cuba", "Associação de Ucranianos"},
        ),
        ("?municipality=Portel&category=education", {"Agrupamento de Escolas de Portel"}),
        ("?municipality=Nenhures&category=education", {"Agrupamento de Escolas de Portel"}),
    ],
)
def test_filters(directory_data, partner_user, client_for, query, expected):
    assert _names(client_for(partner_user), query) == expected


@pytest.mark.django_db
def test_open_now_in_lisbon_time(directory_data, staff_user, client_for):
    client = client_for(staff_user)
    with time_machine.travel(WEDNESDAY_EVENING, tick=False):
        assert _names(client, "?open_now=on") == {
            "Gabinete de Apoio de Cuba",
            "Centro de Saúde de Cuba",
        }
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        assert _names(client, "?open_now=on") == {
            "Gabinete de Apoio de Cuba",
            "Gabinete de Apoio de Portel",
            "Centro de Saúde de Cuba",
        }
    # 19:15 in Lisbon is 18:15 UTC: a server computing in UTC would still call Portel closed
    # at 17:30 Lisbon / 16:30 UTC; check the winter offset too (UTC+0 on 14 January).
    with time_machine.travel(dt.datetime(2026, 1, 14, 16, 59, tzinfo=LISBON), tick=False):
        office = SupportOfficePage.objects.get(slug="gabinete-portel")
        assert office.is_open_now()
    with time_machine.travel(dt.datetime(2026, 7, 15, 16, 30, tzinfo=dt.UTC), tick=False):
        # 17:30 in Lisbon (UTC+1 in summer): Portel closed at 17:00.
        assert not SupportOfficePage.objects.get(slug="gabinete-portel").is_open_now()


@pytest.mark.django_db
def test_open_now_badge_on_office_page(directory_data, partner_user, client_for):
    with time_machine.travel(WEDNESDAY_EVENING, tick=False):
        html = client_for(partner_user).get("/directory/gabinete-cuba/").content.decode()
    assert 'data-testid="open-now"' in html
    assert "Quarta-feira" in html
    assert "18:00–20:00" in html


@pytest.mark.django_db
def test_listing_is_paginated_and_keeps_filters(languages, staff_user, client_for):
    for number in range(25):
        ServiceProviderFactory(
            slug=f"cs-{number:02d}", name=f"Serviço {number:02d}", municipality="Évora"
        )
    client = client_for(staff_user)
    first = client.get("/directory/?municipality=%C3%89vora").content.decode()
    assert "Serviço 00" in first and "Serviço 19" in first and "Serviço 20" not in first
    assert "page=2" in first and "municipality=%C3%89vora" in first
    second = client.get("/directory/?municipality=%C3%89vora&page=2").content.decode()
    assert "Serviço 20" in second and "Serviço 00" not in second


@pytest.mark.django_db
def test_bad_filter_values_are_ignored_not_errors(directory_data, partner_user, client_for):
    response = client_for(partner_user).get("/directory/?category=nonsense&page=99")
    assert response.status_code == 200


@pytest.mark.django_db
def test_print_view_lists_everything_without_navigation(languages, staff_user, client_for):
    for number in range(25):
        ServiceProviderFactory(slug=f"cs-{number:02d}", name=f"Serviço {number:02d}")
    html = client_for(staff_user).get("/directory/?print=1").content.decode()
    assert "Serviço 24" in html and "Serviço 00" in html
    assert "main-nav" not in html


@pytest.mark.django_db
def test_provider_has_its_own_page(directory_data, partner_user, client_for):
    client = client_for(partner_user)
    html = client.get("/directory/").content.decode()
    assert 'href="/directory/services/cs-cuba/"' in html
    page = client.get("/directory/services/cs-cuba/")
    assert page.status_code == 200
    assert "Centro de Saúde de Cuba" in page.content.decode()
    assert client.get("/directory/services/nao-existe/").status_code == 404


@pytest.mark.django_db
def test_csv_follows_the_current_filter(directory_data, partner_user, client_for):
    import csv
    import io

    response = client_for(partner_user).get("/directory/export.csv?municipality=Cuba")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row[1] for row in rows[1:]}
    assert names == {"Gabinete de Apoio de Cuba", "Centro de Saúde de Cuba"}
    assert rows[0][1] == "Nome"


@pytest.mark.django_db
def test_csv_neutralises_formulas_even_with_a_digit_after_the_sign(staff_user, client_for):
    import csv
    import io

    ServiceProviderFactory(
        slug="formula-1", name='=1+HYPERLINK("http://evil.example","x")', phone="+351 266 000 000"
    )
    ServiceProviderFactory(slug="formula-2", name="-1+1|cmd", address="\t=cmd")
    response = client_for(staff_user).get("/directory/export.csv?category=health-centre")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=1+HYPERLINK("http://evil.example","x")' in cells
    assert "'-1+1|cmd" in cells
    assert "'\t=cmd" in cells
    assert "+351 266 000 000" in cells  # phone numbers stay usable


@pytest.mark.django_db
def test_offices_are_paginated_on_their_own(languages, staff_user, client_for):
    """A national network has hundreds of offices: they page with ?offices_page=, keeping
    the filters and the services' page."""
    for number in range(14):
        SupportOfficeFactory(title=f"Gabinete {number:02d}", municipality="Évora")
    client = client_for(staff_user)
    first = client.get("/directory/?municipality=%C3%89vora").content.decode()
    assert "Gabinete 00" in first and "Gabinete 11" in first and "Gabinete 12" not in first
    assert 'data-testid="office-pagination"' in first
    assert "offices_page=2" in first and "municipality=%C3%89vora" in first
    second = client.get("/directory/?municipality=%C3%89vora&offices_page=2").content.decode()
    assert "Gabinete 13" in second and "Gabinete 00" not in second
    printed = client.get("/directory/?municipality=%C3%89vora&print=1").content.decode()
    assert "Gabinete 00" in printed and "Gabinete 13" in printed
