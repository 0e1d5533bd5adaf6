import csv
import io
import json

from wagtail import hooks

import pytest
import vobject

from intranet.core.dashboard import DashboardPanel
from intranet.core.roles import is_coordinator
from tests.core.factories import UserFactory
from tests.people.factories import ProfileFactory


@pytest.fixture
def joao(office):
    return ProfileFactory(
        username="joao.simoes",
        first_name="João",
        last_name="Simões",
        office=office,
        job_title="Técnico de apoio a migrantes",
        phone="+351 912 100 103",
        pronouns="ele",
        bio="Primeira linha\nSegunda linha",
        languages=[("ro", "fluent"), ("en", "intermediate")],
        expertise=["habitação", "AIMA"],
    )


@pytest.mark.django_db
def test_profile_page_shows_contact_office_languages_and_expertise(client_for, staff_user, joao):
    content = client_for(staff_user).get("/people/joao.simoes/").content.decode()
    assert "<h1>João Simões" in content
    assert "(ele)" in content
    assert 'href="tel:+351912100103"' in content
    assert "mailto:joao.simoes@example.org" in content
    assert 'data-testid="office-card"' in content
    assert "Gabinete de Alcáçovas" in content
    assert "Romanian (incl. Moldovan)" in content
    assert "Fluent" in content
    assert "habitação" in content
    assert "Primeira linha<br>Segunda linha" in content
    assert "/people/joao.simoes.vcf" in content
    # staff viewing someone else: no completeness, no data download
    assert 'data-testid="completeness"' not in content
    assert "/people/me/data.json" not in content


@pytest.mark.django_db
def test_profile_panels_hook_is_rendered_for_whom_the_hook_decides(
    client_for, staff_user, coordinator_user, joao
):
    def training_panel(request, profile_user):
        if request.user != profile_user and not is_coordinator(request.user):
            return None
        return DashboardPanel(
            key="test-summary",
            title="Formação",
            template_name="people/panels/complete_profile.html",
            context={"percent": 42, "missing": ["<b>módulo</b>"]},
            order=20,
        )

    with hooks.register_temporarily("register_profile_panel", training_panel):
        own = client_for(joao.user).get("/people/joao.simoes/").content.decode()
        assert 'data-testid="profile-panel-test-summary"' in own
        assert "42%" in own
        assert "&lt;b&gt;módulo&lt;/b&gt;" in own
        coord = client_for(coordinator_user).get("/people/joao.simoes/").content.decode()
        assert 'data-testid="profile-panel-test-summary"' in coord
        other = client_for(staff_user).get("/people/joao.simoes/").content.decode()
        assert 'data-testid="profile-panel-test-summary"' not in other
    without = client_for(joao.user).get("/people/joao.simoes/").content.decode()
    assert "profile-panel-test-summary" not in without


@pytest.mark.django_db
def test_vcard_is_a_real_vcard(client_for, staff_user, joao):
    response = client_for(staff_user).get("/people/joao.simoes.vcf")
    assert response["Content-Type"].startswith("text/vcard")
    assert "joao.simoes.vcf" in response["Content-Disposition"]
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "João Simões"
    assert card.n.value.family == "Simões"
    assert card.tel.value == "+351 912 100 103"
    assert card.email.value == "joao.simoes@example.org"
    assert card.title.value == "Técnico de apoio a migrantes"
    assert card.org.value == ["Sem Fronteiras", "Gabinete de Alcáçovas"]


@pytest.mark.django_db
def test_csv_export_for_coordinators_follows_the_finder_filters(client_for, coordinator_user, joao):
    ProfileFactory(username="rita", first_name="Rita", last_name="Sá", languages=[("uk", "basic")])
    client = client_for(coordinator_user)
    response = client.get("/people/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Username", "Job title"]
    joao_row = next(row for row in rows if row[1] == "joao.simoes")
    assert joao_row[0] == "João Simões"
    assert joao_row[5] == "+351 912 100 103"
    assert "Romanian (incl. Moldovan) (Fluent)" in joao_row[7]
    assert joao_row[8] == "AIMA; habitação"
    filtered = client.get("/people/export.csv", {"language": "uk"}).content.decode("utf-8-sig")
    assert "Rita Sá" in filtered
    assert "João Simões" not in filtered
    assert 'data-testid="export-csv"' in client.get("/people/").content.decode()


@pytest.mark.django_db
def test_export_link_hidden_from_staff(client_for, staff_user):
    assert 'data-testid="export-csv"' not in client_for(staff_user).get("/people/").content.decode()


@pytest.mark.django_db
def test_personal_data_download_has_everything_about_me_and_only_me(client_for, joao, staff_user):
    def training_data(user):
        return ("training", {"hours": 12})

    client = client_for(joao.user)
    with hooks.register_temporarily("register_personal_data", training_data):
        response = client.get("/people/me/data.json")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "joao.simoes"
    assert data["account"]["first_name"] == "João"
    assert data["account"]["groups"] == ["Staff"]
    assert data["profile"]["phone"] == "+351 912 100 103"
    assert data["profile"]["office"] == "Gabinete de Alcáçovas"
    assert {"language": "ro", "level": "fluent"} in data["profile"]["languages"]
    assert data["profile"]["expertise"] == ["AIMA", "habitação"]
    assert data["training"] == {"hours": 12}
    other = json.loads(client_for(staff_user).get("/people/me/data.json").content)
    assert other["account"]["username"] == staff_user.username
    assert "João" not in json.dumps(other, ensure_ascii=False)


@pytest.mark.django_db
def test_own_profile_shows_completeness_and_data_download(client_for, staff_user):
    content = client_for(staff_user).get(f"/people/{staff_user.username}/").content.decode()
    assert 'data-testid="completeness"' in content
    assert "/people/me/data.json" in content


@pytest.mark.django_db
def test_every_new_user_gets_a_profile(db):
    user = UserFactory(username="novo", first_name="Zé", last_name="Novo")
    assert user.profile.search_name == "ze novo"


@pytest.mark.django_db
def test_profile_page_styles_the_office_card(client_for, staff_user, joao):
    """Without the card's stylesheet the office's name, town, address, phone and hours ran
    together on one line."""
    content = client_for(staff_user).get("/people/joao.simoes/").content.decode()
    assert "css/office-card.css" in content
