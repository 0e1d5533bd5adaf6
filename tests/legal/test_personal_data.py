"""What the legal updates add to a person's data download (/people/me/data.json)."""

from django.utils import timezone

import pytest

from intranet.core.models import PersonalToken

from .factories import AcknowledgementFactory, MustReadUpdateFactory


@pytest.mark.django_db
def test_download_says_whether_a_feed_address_exists_and_lists_acknowledgements(
    client_for, staff_user, coordinator_user
):
    client = client_for(staff_user)
    data = client.get("/people/me/data.json").json()["legal_updates"]
    assert data == {"feed_address": {"exists": False, "created_on": None}, "acknowledgements": []}

    client.post("/legal-updates/my-feed/")
    update = MustReadUpdateFactory(title="Fim da manifestação de interesse")
    AcknowledgementFactory(user=staff_user, page=update)
    AcknowledgementFactory(user=coordinator_user, page=update)
    response = client.get("/people/me/data.json")
    data = response.json()["legal_updates"]
    token = PersonalToken.objects.get(user=staff_user)
    assert data["feed_address"] == {
        "exists": True,
        "created_on": timezone.localdate(token.created_at).isoformat(),
    }
    assert token.token not in response.content.decode()  # never the secret itself
    (ack,) = data["acknowledgements"]
    assert ack["legal_update"] == "Fim da manifestação de interesse"
    assert ack["round"] == 1 and ack["acknowledged_at"]
