"""The coordinators' report: who has and has not acknowledged, by office, on the page and
in CSV; and people who left the network, who count nowhere from the moment they leave."""

import csv
import io

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from intranet.people.models import Profile
from intranet.people.services import mark_as_left
from network.models import NetworkDirectoryPage, SupportOfficePage
from tests.core.factories import PartnerFactory, StaffFactory

from .factories import AcknowledgementFactory, LegalUpdatePageFactory, MustReadUpdateFactory

REPORT = "/legal-updates/report/"


def detail_url(update, query: str = "") -> str:
    return reverse("legal:report-detail", args=[update.pk]) + query


def tables(html: str, testid: str) -> dict[str, list[list[str]]]:
    """The report tables with this testid, by caption: their body rows as cell texts."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        table.caption.get_text(strip=True): [
            [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.select("tbody tr")
        ]
        for table in soup.select(f'table[data-testid="{testid}"]')
    }


def report_row(html: str, title: str) -> list[str]:
    (rows,) = tables(html, "legal-report").values()
    return next(row for row in rows if row[0] == title)


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def offices(db):
    directory = NetworkDirectoryPage.objects.get()
    return {
        slug: directory.add_child(
            instance=SupportOfficePage(title=title, slug=slug, municipality=title[12:])
        )
        for slug, title in [
            ("gabinete-cuba", "Gabinete de Cuba"),
            ("gabinete-evora", "Gabinete de Évora"),
            ("gabinete-alvito", "Gabinete de Alvito"),
        ]
    }


@pytest.fixture
def team(offices, coordinator_user):
    cuba, alvito = offices["gabinete-cuba"], offices["gabinete-alvito"]
    people = {
        "ana": StaffFactory(username="ana", first_name="Ana", last_name="Cuba", office=cuba),
        "bruno": StaffFactory(username="bruno", first_name="Bruno", last_name="Cuba", office=cuba),
        "carla": StaffFactory(
            username="carla", first_name="Carla", last_name="Alvito", office=alvito
        ),
        "duarte": StaffFactory(username="duarte", first_name="Duarte", last_name="Semgabinete"),
        "eva": StaffFactory(
            username="eva", first_name="Eva", last_name="Évora", office=offices["gabinete-evora"]
        ),
        "coord": coordinator_user,
    }
    StaffFactory(username="antiga", is_active=False)
    PartnerFactory(username="parceira")
    return people


@pytest.mark.django_db
def test_report_role_matrix(client_for, role_users):
    page = MustReadUpdateFactory()
    urls = [REPORT, detail_url(page), reverse("legal:report-csv", args=[page.pk])]
    for url in urls:
        for role, status in [
            ("staff", 403),
            ("partner", 403),
            ("coordinator", 200),
            ("admin", 200),
        ]:
            assert client_for(role_users[role]).get(url).status_code == status, (url, role)


@pytest.mark.django_db
def test_report_says_who_has_and_has_not_acknowledged_by_office(client_for, team):
    page = MustReadUpdateFactory(title="Novo regime de vistos")
    other = MustReadUpdateFactory(title="Outra atualização")
    AcknowledgementFactory(user=team["ana"], page=page)
    AcknowledgementFactory(user=team["carla"], page=page)
    AcknowledgementFactory(user=team["bruno"], page=other)
    # An acknowledgement from an earlier round no longer counts.
    AcknowledgementFactory(user=team["duarte"], page=page, epoch=0)

    client = client_for(team["coord"])
    html = client.get(REPORT).content.decode()
    row = report_row(html, "Novo regime de vistos")
    assert row[2:] == ["2", "4"]
    link = BeautifulSoup(html, "html.parser").find("a", string="Novo regime de vistos")
    assert link["href"] == detail_url(page)

    html = client.get(detail_url(page)).content.decode()
    summary = tables(html, "office-summary")["Confirmações por gabinete"]
    # Place names sort with accents read as letters: Évora with the Es.
    assert summary == [
        ["Gabinete de Alvito", "1", "1", "0"],
        ["Gabinete de Cuba", "2", "1", "1"],
        ["Gabinete de Évora", "1", "0", "1"],
        ["Sem gabinete", "2", "0", "2"],
    ]
    chart = BeautifulSoup(html, "html.parser").select_one('[data-testid="office-chart"]')
    labels = [text.get_text() for text in chart.select("text")]
    assert labels == [
        "Gabinete de Alvito · 100%",
        "Gabinete de Cuba · 50%",
        "Gabinete de Évora · 0%",
        "Sem gabinete · 0%",
    ]
    # SVG lengths are numbers with a decimal point in Portuguese too (never "179,0").
    assert [float(rect["width"]) for rect in chart.select("rect.report-chart__bar")] == [
        358.0,
        179.0,
    ]
    groups = tables(html, "office-group")
    assert list(groups) == [
        "Gabinete de Alvito",
        "Gabinete de Cuba",
        "Gabinete de Évora",
        "Sem gabinete",
    ]
    cuba = dict(groups["Gabinete de Cuba"])
    assert cuba["Bruno Cuba"] == "Ainda não"
    assert cuba["Ana Cuba"] != "Ainda não"
    assert dict(groups["Sem gabinete"]) == {
        "Duarte Semgabinete": "Ainda não",
        "Marta Gonçalves": "Ainda não",
    }
    assert "antiga" not in html and "parceira" not in html

    rows = csv_rows(client.get(reverse("legal:report-csv", args=[page.pk])))
    assert rows[0][0] == "Gabinete"
    by_user = {r[2]: r for r in rows[1:]}
    assert set(by_user) == {"ana", "bruno", "carla", "duarte", "eva", "coordenadora"}
    assert by_user["ana"][0] == "Gabinete de Cuba" and by_user["ana"][4] == "sim"
    assert by_user["bruno"][4] == "não" and by_user["bruno"][5] == ""
    assert by_user["duarte"][0] == "Sem gabinete"


@pytest.mark.django_db
def test_people_who_left_count_in_no_report_from_the_moment_they_leave(client_for, team):
    page = MustReadUpdateFactory(title="Novo regime de vistos")
    AcknowledgementFactory(user=team["ana"], page=page)
    AcknowledgementFactory(user=team["carla"], page=page)
    client = client_for(team["coord"])
    assert report_row(client.get(REPORT).content.decode(), "Novo regime de vistos")[2:] == [
        "2",
        "4",
    ]

    # Carla (had read it) is marked as having left; Bruno's profile says he left although
    # someone re-opened his login by hand: neither counts any more, on either side.
    mark_as_left(team["carla"].profile)
    Profile.objects.filter(user=team["bruno"]).update(is_active_member=False)

    html = client.get(REPORT).content.decode()
    assert report_row(html, "Novo regime de vistos")[2:] == ["1", "3"]
    assert "4 pessoas" in BeautifulSoup(html, "html.parser").select_one(
        '[data-testid="reader-count"]'
    ).get_text(" ", strip=True)
    html = client.get(detail_url(page)).content.decode()
    assert "Carla" not in html and "Bruno" not in html
    assert tables(html, "office-summary")["Confirmações por gabinete"] == [
        ["Gabinete de Cuba", "1", "1", "0"],
        ["Gabinete de Évora", "1", "0", "1"],
        ["Sem gabinete", "2", "0", "2"],
    ]
    rows = csv_rows(client.get(reverse("legal:report-csv", args=[page.pk])))
    assert {r[2] for r in rows[1:]} == {"ana", "duarte", "eva", "coordenadora"}


@pytest.mark.django_db
def test_who_has_read_is_paginated_with_constant_queries(client_for, coordinator_user):
    page = MustReadUpdateFactory()
    client = client_for(coordinator_user)

    def look(query=""):
        cache.clear()  # the page as built, not from the cache (see test_query_budgets)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(detail_url(page, query))
        assert response.status_code == 200
        html = response.content.decode()
        people = sum(len(rows) for rows in tables(html, "office-group").values())
        return len(queries), people, html

    StaffFactory.create_batch(3)
    look()
    few, people, html = look()
    assert people == 4 and 'data-testid="pagination"' not in html
    StaffFactory.create_batch(60)
    many, people, html = look()
    assert people == 50 and 'data-testid="pagination"' in html
    assert many == few
    last, people, _html = look("?page=2")
    assert people == 14 and last == few


@pytest.mark.django_db
def test_report_list_queries_do_not_grow(client_for, coordinator_user):
    client = client_for(coordinator_user)
    MustReadUpdateFactory()

    def count():
        cache.clear()  # the page as built, not from the cache (see test_query_budgets)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT).status_code == 200
        return len(queries)

    count()
    few = count()
    MustReadUpdateFactory.create_batch(6)
    StaffFactory.create_batch(5)
    assert count() == few


@pytest.mark.django_db
def test_report_detail_of_an_update_that_is_not_must_read_is_404(client_for, coordinator_user):
    page = LegalUpdatePageFactory(must_acknowledge=False)
    assert client_for(coordinator_user).get(detail_url(page)).status_code == 404


@pytest.mark.django_db
def test_report_csv_neutralises_formulas(client_for, coordinator_user):
    """Names and addresses typed as formulas (account settings) stay text in the CSV."""
    StaffFactory(username="formula", first_name="=HYPERLINK(1)", last_name="", email="=x@x.pt")
    page = MustReadUpdateFactory()
    rows = csv_rows(client_for(coordinator_user).get(reverse("legal:report-csv", args=[page.pk])))
    row = next(r for r in rows if r[2] == "formula")
    assert row[1] == "'=HYPERLINK(1)"
    assert row[3] == "'=x@x.pt"
