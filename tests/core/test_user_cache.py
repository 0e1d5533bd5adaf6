"""The signed-in user's row comes from the cache (intranet.core.auth_backends), and
whatever changes that row counts on the next request: a deactivated account or a changed
password logs the person out, a new name or group shows at once."""

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from intranet.core.auth_backends import forget_user
from intranet.core.roles import COORDINATORS
from intranet.people.services import mark_as_left

pytestmark = pytest.mark.django_db


def _warm(client, url="/"):
    client.get(url)
    return client.get(url)


def _sent_to_login(response) -> bool:
    return response.status_code == 302 and "/login/" in response["Location"]


def test_a_signed_in_request_reads_no_user_row(client_for, staff_user):
    client = client_for(staff_user)
    _warm(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if '"auth_user"' in q["sql"]]


def test_the_row_is_the_cached_one_until_forgotten(client_for, staff_user):
    """A write that sends no signal is not seen until ``forget_user`` (proof that the
    row really comes from the cache); a save is seen at once."""
    client = client_for(staff_user)
    _warm(client)
    User.objects.filter(pk=staff_user.pk).update(first_name="Joanita")
    assert "Joana Simões" in client.get("/").content.decode()
    forget_user(staff_user.pk)
    assert "Joanita Simões" in client.get("/").content.decode()

    staff_user.refresh_from_db()
    staff_user.first_name = "Joaquina"
    staff_user.save()
    assert "Joaquina Simões" in client.get("/").content.decode()


def test_a_deactivated_user_is_logged_out_on_the_next_request(client_for, staff_user):
    client = client_for(staff_user)
    assert _warm(client).status_code == 200
    staff_user.is_active = False
    staff_user.save()
    assert _sent_to_login(client.get("/"))


def test_a_changed_password_logs_out_the_other_sessions(client_for, staff_user):
    client = client_for(staff_user)
    assert _warm(client).status_code == 200
    staff_user.set_password("uma-palavra-passe-nova-e-longa")
    staff_user.save()
    assert _sent_to_login(client.get("/"))


def test_a_leaver_is_logged_out_on_the_next_request(client_for, staff_user):
    """``mark_as_left`` deactivates with a queryset update (no signal) and forgets the row."""
    client = client_for(staff_user)
    assert _warm(client).status_code == 200
    mark_as_left(staff_user.profile)
    assert _sent_to_login(client.get("/"))
    staff_user.refresh_from_db()
    assert not staff_user.is_active


@pytest.mark.parametrize("side", ["user", "group"])
def test_a_group_change_counts_on_the_next_request(client_for, staff_user, side):
    client = client_for(staff_user)
    report = reverse("training:report")
    assert _warm(client, report).status_code == 403
    coordinators = Group.objects.get(name=COORDINATORS)
    if side == "user":
        staff_user.groups.add(coordinators)
    else:
        coordinators.user_set.add(staff_user)
    assert client.get(report).status_code == 200
    if side == "user":
        staff_user.groups.clear()
    else:
        coordinators.user_set.clear()
    assert client.get(report).status_code == 403


def test_superuser_flag_counts_on_the_next_request(client_for, staff_user):
    client = client_for(staff_user)
    assert _warm(client, "/admin/users/").status_code in (302, 403)
    staff_user.is_superuser = True
    staff_user.save()
    assert client.get("/admin/users/").status_code == 200
