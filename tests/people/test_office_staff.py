"""Who the directory shows at an office: ``colleagues(office=...)``, in every place where
people appear. People who have left, deactivated accounts, partners and administrators
outside the network never appear; the list costs the same whatever the team's size."""

import pytest
import vobject

from intranet.people.services import mark_as_left
from tests.core.factories import AdministratorFactory, PartnerFactory
from tests.people.factories import ProfileFactory


@pytest.fixture
def team(office, other_office):
    """Who is based at ``office`` (Gabinete de Alcáçovas), in every state."""
    ProfileFactory(username="rita", first_name="Rita", last_name="Presente", office=office)
    ProfileFactory(
        username="erica",
        first_name="Érica",
        last_name="Acentuada",
        office=office,
        job_title="Mediadora intercultural",
        user__groups=["Coordinators"],
    )
    mark_as_left(
        ProfileFactory(username="luis", first_name="Luís", last_name="Saiu", office=office)
    )
    ProfileFactory(
        username="pedro",
        first_name="Pedro",
        last_name="Desligado",
        office=office,
        user__is_active=False,
    )
    for factory, username in [(PartnerFactory, "parceira"), (AdministratorFactory, "chefe")]:
        factory(username=username, first_name="Fora", last_name=username.title(), office=office)
    ProfileFactory(username="noutro", first_name="Nuno", last_name="Noutro", office=other_office)
    return office


NOT_AT_THE_OFFICE = ["Luís Saiu", "Pedro Desligado", "Fora Parceira", "Fora Chefe", "Nuno Noutro"]


def _staff_here(html: str) -> str:
    return html.split('data-testid="office-staff"', 1)[1].split("</ul>", 1)[0]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator", "partner", "admin"])
def test_office_page_lists_the_colleagues_based_there(client_for, role_users, team, role):
    html = client_for(role_users[role]).get(team.url).content.decode()
    assert 'data-testid="office-panel-office-staff"' in html
    listed = _staff_here(html)
    # Accents sort as letters: Érica with the Es, before Rita.
    assert listed.index("Érica Acentuada") < listed.index("Rita Presente")
    assert "Mediadora intercultural" in listed
    for name in NOT_AT_THE_OFFICE:
        assert name not in html, name


@pytest.mark.django_db
def test_staff_get_links_to_profiles_partners_do_not(client_for, staff_user, partner_user, team):
    staff_html = _staff_here(client_for(staff_user).get(team.url).content.decode())
    assert 'href="/people/rita/"' in staff_html
    partner_html = _staff_here(client_for(partner_user).get(team.url).content.decode())
    assert "Rita Presente" in partner_html
    assert "/people/" not in partner_html


@pytest.mark.django_db
def test_leaving_takes_someone_off_the_office_page_and_returning_brings_them_back(
    client_for, coordinator_user, team
):
    client = client_for(coordinator_user)
    client.post("/people/rita/leave/", {"confirm": "yes"})
    assert "Rita Presente" not in _staff_here(client.get(team.url).content.decode())
    client.post("/people/rita/return/")
    assert "Rita Presente" in _staff_here(client.get(team.url).content.decode())


@pytest.mark.django_db
def test_office_without_colleagues_says_so(client_for, staff_user, other_office):
    html = client_for(staff_user).get(other_office.url).content.decode()
    assert 'data-testid="office-panel-office-staff"' in html
    assert 'data-testid="office-staff"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["", "?print=1", "map/", "partners/", "export.csv", "offices/gabinete-alcacovas/vcard.vcf"],
)
def test_nobody_outside_the_team_appears_anywhere_in_the_directory(
    client_for, staff_user, team, path
):
    """The listing, print view, map, partner list, CSV and vCard show offices, not people:
    whoever is added there later must come through ``colleagues()``."""
    directory = team.get_parent().url
    body = client_for(staff_user).get(directory + path).content.decode("utf-8-sig")
    for name in NOT_AT_THE_OFFICE:
        assert name not in body, name


@pytest.mark.django_db
def test_office_vcard_is_the_office_not_its_staff(client_for, staff_user, team):
    response = client_for(staff_user).get("/directory/offices/gabinete-alcacovas/vcard.vcf")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == team.title


@pytest.mark.django_db
def test_office_staff_cost_the_same_queries_for_2_and_20_people(client_for, staff_user, office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff_user)

    def count():
        client.get(office.url)  # warm-up: site root paths, content types
        with CaptureQueriesContext(connection) as queries:
            assert client.get(office.url).status_code == 200
        return len(queries)

    for _i in range(2):
        ProfileFactory(office=office)
    small = count()
    for _i in range(18):
        ProfileFactory(office=office)
    assert count() == small
    assert _staff_here(client.get(office.url).content.decode()).count("<li") == 20
