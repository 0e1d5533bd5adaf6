"""The coordinators' report: who has and has not acknowledged, by office; CSV; reminders."""

import csv
import datetime
import io

from django.core import mail
from django.core.management import call_command

import pytest
import time_machine

from intranet.legal.models import Acknowledgement, AcknowledgementReminder
from network.models import NetworkDirectoryPage, SupportOfficePage
from tests.conftest import make_user


@pytest.fixture
def offices(db):
    directory = NetworkDirectoryPage.objects.get()
    result = {}
    for slug, title in [
        ("gabinete-cuba", "Gabinete de Cuba"),
        ("gabinete-alvito", "Gabinete de Alvito"),
    ]:
        result[slug] = directory.add_child(
            instance=SupportOfficePage(title=title, slug=slug, municipality=title[12:])
        )
    return result


@pytest.fixture
def team(offices, coordinator_user):
    people = {
        "ana": make_user("ana", "Staff", first_name="Ana", last_name="Cuba"),
        "bruno": make_user("bruno", "Staff", first_name="Bruno", last_name="Cuba"),
        "carla": make_user("carla", "Staff", first_name="Carla", last_name="Alvito"),
        "duarte": make_user("duarte", "Staff", first_name="Duarte", last_name="Semgabinete"),
        "coord": coordinator_user,
    }
    for name, office in [
        ("ana", "gabinete-cuba"),
        ("bruno", "gabinete-cuba"),
        ("carla", "gabinete-alvito"),
    ]:
        profile = people[name].profile
        profile.office = offices[office]
        profile.save()
    make_user("antiga", "Staff", is_active=False)
    make_user("parceira", "Partners")
    return people


@pytest.mark.django_db
def test_report_role_matrix(client_for, role_users, must_read):
    page = must_read()
    urls = [
        "/legal-updates/report/",
        f"/legal-updates/report/{page.pk}/",
        f"/legal-updates/report/{page.pk}/csv/",
    ]
    for url in urls:
        for role, status in [
            ("staff", 403),
            ("partner", 403),
            ("coordinator", 200),
            ("admin", 200),
        ]:
            assert client_for(role_users[role]).get(url).status_code == status, (url, role)


@pytest.mark.django_db
def test_report_says_who_has_and_has_not_acknowledged_by_office(client_for, team, must_read):
    page = must_read("Novo regime de vistos")
    other = must_read("Outra atualização")
    Acknowledgement.objects.create(user=team["ana"], page=page, epoch=page.ack_epoch)
    Acknowledgement.objects.create(user=team["carla"], page=page, epoch=page.ack_epoch)
    Acknowledgement.objects.create(user=team["bruno"], page=other, epoch=other.ack_epoch)
    # An acknowledgement from an earlier round no longer counts.
    Acknowledgement.objects.create(user=team["duarte"], page=page, epoch=0)

    client = client_for(team["coord"])
    html = client.get("/legal-updates/report/").content.decode()
    row = html.split("Novo regime de vistos")[1].split("</tr>")[0]
    assert '<td data-testid="ack-count">2</td>' in row
    assert '<td data-testid="pending-count">3</td>' in row

    html = client.get(f"/legal-updates/report/{page.pk}/").content.decode()
    groups = {
        part.split("</h2>")[0].split(">")[-1]: part
        for part in html.split('data-testid="office-group"')[1:]
    }
    assert list(groups) == ["Gabinete de Alvito", "Gabinete de Cuba", "Sem gabinete"]
    cuba = groups["Gabinete de Cuba"]
    assert "Ana Cuba" in cuba.split('data-testid="acknowledged-row"')[1]
    assert "Bruno Cuba" in cuba.split('data-testid="pending-row"')[1]
    assert "Duarte Semgabinete" in groups["Sem gabinete"].split('data-testid="pending-row"')[1]
    assert "Marta Gonçalves" in groups["Sem gabinete"]
    assert "antiga" not in html and "parceira" not in html

    response = client.get(f"/legal-updates/report/{page.pk}/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Gabinete"
    by_user = {r[2]: r for r in rows[1:]}
    assert set(by_user) == {"ana", "bruno", "carla", "duarte", "coordenadora"}
    assert by_user["ana"][0] == "Gabinete de Cuba" and by_user["ana"][4] == "sim"
    assert by_user["bruno"][4] == "não" and by_user["bruno"][5] == ""
    assert by_user["duarte"][0] == "Sem gabinete"


@pytest.mark.django_db
def test_report_detail_of_an_update_that_is_not_must_read_is_404(
    client_for, coordinator_user, make_update
):
    page = make_update(must_acknowledge=False)
    assert client_for(coordinator_user).get(f"/legal-updates/report/{page.pk}/").status_code == 404


@pytest.mark.django_db
def test_reminders_go_to_those_who_have_not_acknowledged_once_a_day(team, must_read):
    page = must_read("Leitura obrigatória A")
    must_read("Leitura obrigatória B")
    for name in ("ana", "bruno", "carla", "coord"):
        Acknowledgement.objects.create(user=team[name], page=page, epoch=page.ack_epoch)
    mail.outbox.clear()

    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0), tick=False):
        call_command("send_acknowledgement_reminders", stdout=io.StringIO())
        by_person = {m.to[0]: m for m in mail.outbox}
        assert set(by_person) == {
            f"{n}@example.org" for n in ("ana", "bruno", "carla", "duarte")
        } | {"coordenadora@example.org"}
        duarte = by_person["duarte@example.org"].body
        assert "Leitura obrigatória A" in duarte and "Leitura obrigatória B" in duarte
        assert "Leitura obrigatória A" not in by_person["ana@example.org"].body

        call_command("send_acknowledgement_reminders", stdout=io.StringIO())  # cron again
        assert len(mail.outbox) == 5
        assert AcknowledgementReminder.objects.count() == 5

    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0), tick=False):
        call_command("send_acknowledgement_reminders", stdout=io.StringIO())
        assert len(mail.outbox) == 10


@pytest.mark.django_db
def test_report_csv_neutralises_formulas(client_for, coordinator_user, must_read):
    """Names and addresses typed as formulas (account settings) stay text in the CSV."""
    user = make_user("formula", "Staff", first_name="=HYPERLINK(1)", last_name="")
    user.email = "=x@x.pt"
    user.save()
    page = must_read()
    response = client_for(coordinator_user).get(f"/legal-updates/report/{page.pk}/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r[2] == "formula")
    assert row[1] == "'=HYPERLINK(1)"
    assert row[3] == "'=x@x.pt"
