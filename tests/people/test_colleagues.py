"""One staff population: ``colleagues()`` is who works in the network today."""

import pytest

from intranet.people.services import colleagues, mark_as_left, mark_as_returned, office_of
from tests.conftest import make_user

from .conftest import make_person


@pytest.mark.django_db
def test_colleagues_are_active_staff_and_coordinators_who_have_not_left(
    office, other_office, coordinator_user, partner_user, admin_user
):
    ana = make_person("ana", "Ana", "Lopes", office=office)
    rui = make_person("rui", "Rui", "Matos", office=other_office)
    inactive = make_user("desativada", "Staff")
    inactive.is_active = False
    inactive.save()
    leaver = make_person("saiu", "Sara", "Reis", office=office)
    mark_as_left(leaver)

    everyone = set(colleagues().values_list("username", flat=True))
    assert everyone == {"ana", "rui", coordinator_user.username}
    assert [u.username for u in colleagues(office=office)] == ["ana"]
    assert [u.username for u in colleagues(office=other_office.pk)] == ["rui"]
    annotated = colleagues().get(username="ana")
    assert (annotated.office_id, annotated.office_title) == (office.pk, office.title)
    assert office_of(ana.user) == office
    assert office_of(rui.user) == other_office
    assert office_of(partner_user) is None

    mark_as_returned(leaver)
    assert "saiu" in set(colleagues().values_list("username", flat=True))


@pytest.mark.django_db
def test_colleagues_is_one_query(django_assert_num_queries, office):
    for i in range(5):
        make_person(f"p{i}", "P", str(i), office=office)
    with django_assert_num_queries(1):
        rows = [(u.username, u.office_title) for u in colleagues()]
    assert len(rows) == 5
