"""One staff population: ``colleagues()`` is who works in the network today."""

import pytest

from intranet.people.services import colleagues, mark_as_left, mark_as_returned, office_of
from tests.core.factories import StaffFactory
from tests.people.factories import ProfileFactory


@pytest.mark.django_db
def test_colleagues_are_active_staff_and_coordinators_who_have_not_left(
    office, other_office, coordinator_user, partner_user, admin_user
):
    ana = ProfileFactory(username="ana", first_name="Ana", last_name="Lopes", office=office)
    rui = ProfileFactory(username="rui", first_name="Rui", last_name="Matos", office=other_office)
    StaffFactory(username="desativada", is_active=False)
    leaver = ProfileFactory(username="saiu", first_name="Sara", last_name="Reis", office=office)
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
        ProfileFactory(username=f"p{i}", first_name="P", last_name=str(i), office=office)
    with django_assert_num_queries(1):
        rows = [(u.username, u.office_title) for u in colleagues()]
    assert len(rows) == 5
