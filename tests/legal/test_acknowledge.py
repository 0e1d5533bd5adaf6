"""'I have read this': one click, recorded once, reset by a material change."""

from django.test import Client

import pytest

from intranet.legal.models import Acknowledgement
from intranet.legal.services import acknowledgement_for

from .factories import LegalUpdatePageFactory, MustReadUpdateFactory


def ack_url(page):
    return f"/legal-updates/{page.pk}/acknowledge/"


@pytest.mark.django_db
def test_one_button_records_when_and_which_revision_once(client_for, staff_user):
    page = MustReadUpdateFactory()
    client = client_for(staff_user)
    html = client.get(page.url).content.decode()
    assert 'data-testid="acknowledge"' in html

    response = client.post(ack_url(page), follow=True)
    assert response.redirect_chain[-1][0] == page.url
    html = response.content.decode()
    assert 'data-testid="acknowledged"' in html
    assert 'data-testid="acknowledge"' not in html

    client.post(ack_url(page))  # clicked twice
    ack = Acknowledgement.objects.get()
    assert ack.user == staff_user
    assert ack.revision_id == page.live_revision_id
    assert ack.acknowledged_at is not None
    response = client.post(ack_url(page), follow=True)
    assert Acknowledgement.objects.count() == 1
    assert "já tinha confirmado" in response.content.decode().lower() or "already" in (
        response.content.decode().lower()
    )


@pytest.mark.django_db
def test_reacknowledgement_resets_earlier_acknowledgements(client_for, staff_user):
    page = MustReadUpdateFactory()
    client = client_for(staff_user)
    client.post(ack_url(page))
    assert acknowledgement_for(staff_user, page)

    # A plain re-publish keeps the acknowledgement.
    page.save_revision().publish()
    page.refresh_from_db()
    assert acknowledgement_for(staff_user, page)

    # A material change with "requires re-acknowledgement" ticked does not.
    page.requires_reacknowledgement = True
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.ack_epoch == 2
    assert page.ack_reset_at is not None
    assert acknowledgement_for(staff_user, page) is None
    # The tick clears itself, on the page and in what the editor will see next.
    assert page.requires_reacknowledgement is False
    assert page.get_latest_revision_as_object().requires_reacknowledgement is False
    html = client.get(page.url).content.decode()
    assert 'data-testid="acknowledge"' in html

    # Publishing the next edit keeps the round (it lives on the page, not in revisions).
    page.get_latest_revision_as_object().save_revision().publish()
    page.refresh_from_db()
    assert page.ack_epoch == 2

    client.post(ack_url(page))
    assert Acknowledgement.objects.filter(user=staff_user, page=page).count() == 2
    assert acknowledgement_for(staff_user, page).epoch == 2


@pytest.mark.django_db
def test_unpublished_update_is_refused_with_a_message(client_for, staff_user):
    page = MustReadUpdateFactory(live=False)
    response = client_for(staff_user).post(ack_url(page))
    assert response.status_code == 400
    assert 'data-testid="refusal"' in response.content.decode()
    assert not Acknowledgement.objects.exists()


@pytest.mark.django_db
def test_update_that_is_not_must_read_is_refused(client_for, staff_user):
    page = LegalUpdatePageFactory(must_acknowledge=False)
    response = client_for(staff_user).post(ack_url(page))
    assert response.status_code == 400
    assert 'data-testid="refusal"' in response.content.decode()
    assert not Acknowledgement.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["user", "user_id", "username", "on_behalf_of"])
def test_nobody_can_acknowledge_for_someone_else(client_for, staff_user, coordinator_user, field):
    """Whatever the form carries, the acknowledgement is the logged-in person's own."""
    page = MustReadUpdateFactory()
    value = coordinator_user.username if field == "username" else coordinator_user.pk
    response = client_for(staff_user).post(ack_url(page), {field: value})
    assert response.status_code == 302
    assert [ack.user for ack in Acknowledgement.objects.all()] == [staff_user]
    assert acknowledgement_for(coordinator_user, page) is None


@pytest.mark.django_db
def test_acknowledge_needs_post_and_csrf(staff_user, client_for):
    page = MustReadUpdateFactory()
    assert client_for(staff_user).get(ack_url(page)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_user)
    assert strict.post(ack_url(page)).status_code == 403
    assert not Acknowledgement.objects.exists()


@pytest.mark.django_db
def test_role_matrix_for_acknowledging(client_for, role_users, client):
    page = MustReadUpdateFactory()
    assert client_for(role_users["partner"]).post(ack_url(page)).status_code == 403
    client.logout()
    response = client.post(ack_url(page))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for role in ("staff", "coordinator", "admin"):
        assert client_for(role_users[role]).post(ack_url(page)).status_code == 302
    assert Acknowledgement.objects.count() == 3
    assert (
        client_for(role_users["staff"]).post("/legal-updates/999999/acknowledge/").status_code
        == 404
    )
