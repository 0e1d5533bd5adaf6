"""The personal data download holds everything the intranet keeps about the person, from
every app, and nothing about anyone else; partners download theirs too."""

import json

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document

import pytest

from intranet.core.models import ContentPage, HomePage, Notification
from intranet.core.tokens import issue_token
from intranet.knowledge.models import PageFollow
from intranet.legal.models import Acknowledgement
from tests.test_url_permissions import objects  # noqa: F401
from training import services as training
from training.models import Certificate, TopicRequest


def _download(client):
    response = client.get(reverse("my-data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    return response, json.loads(response.content)


@pytest.mark.django_db
def test_everything_about_me(client_for, objects, staff_user, coordinator_user):  # noqa: F811
    update, article = objects["update"], objects["article"]
    token = issue_token(staff_user, "legal-feed")
    Notification.objects.create(recipient=staff_user, kind="legal-update", key=f"page-{update.pk}")
    staff_user.notification_opt_outs.create(kind="knowledge-follow")
    Acknowledgement.objects.create(
        user=staff_user, page=update, revision=update.latest_revision, epoch=1
    )
    PageFollow.objects.create(user=staff_user, page=article)
    training.book_session(staff_user, objects["session"].pk)
    training.record_attendance(
        objects["past_session"], staff_user, "present", None, coordinator_user
    )
    TopicRequest.objects.create(requester=staff_user, topic="Arrendamento", reason="Dúvidas")
    page = HomePage.objects.get().add_child(
        instance=ContentPage(title="Guia do atendimento", slug="guia", owner=staff_user)
    )
    page.save_revision(user=staff_user)
    minuta = ContentFile(b"%PDF-1.4", name="minuta.pdf")
    Document.objects.create(title="Minuta", file=minuta, uploaded_by_user=staff_user)
    client = client_for(staff_user)
    client.logout()
    client.post("/accounts/login/", {"username": staff_user.username, "password": "wrong"})
    client.force_login(staff_user)

    response, data = _download(client)
    assert data["account"]["username"] == staff_user.username
    assert data["profile"]["works_in_the_network"] is True
    assert data["personal_tokens"][0]["purpose"] == "legal-feed"
    assert data["personal_tokens"][0]["created_at"]
    assert token.token not in response.content.decode()  # that it exists, never the secret
    assert data["email_notifications"]["switched_off"] == ["knowledge-follow"]
    assert "legal-update" in {n["kind"] for n in data["email_notifications"]["sent"]}
    assert data["failed_logins"][0]["failures"] == 1
    assert data["legal_updates"]["acknowledgements"][0]["legal_update"] == update.title
    assert data["knowledge_follows"][0]["page"] == article.title
    assert data["training"]["bookings"][0]["status"] == "booked"
    assert data["training"]["attendance"][0]["status"] == "present"
    assert data["training"]["topic_requests"][0]["topic"] == "Arrendamento"
    assert data["authored"]["pages_owned"][0]["title"] == "Guia do atendimento"
    assert data["authored"]["revisions_saved"][0]["of"] == "Guia do atendimento"
    assert data["authored"]["documents_uploaded"][0]["title"] == "Minuta"

    # The certificate of a colleague is theirs, not mine; nothing of theirs is in mine.
    assert Certificate.objects.filter(user=objects["colleague"]).exists()
    text = response.content.decode()
    for other in [objects["colleague"].username, coordinator_user.username, "Carla"]:
        assert other not in text


@pytest.mark.django_db
def test_the_people_download_is_the_same_export(client_for, staff_user):
    client = client_for(staff_user)
    _response, from_accounts = _download(client)
    from_people = json.loads(client.get(reverse("people:my-data")).content)
    from_accounts.pop("exported_at")
    from_people.pop("exported_at")
    assert from_people == from_accounts


@pytest.mark.django_db
def test_partners_download_theirs(client_for, partner_user):
    client = client_for(partner_user)
    page = client.get("/directory/")
    assert 'data-testid="my-data"' in page.content.decode()
    _response, data = _download(client)
    assert data["account"]["username"] == partner_user.username
    assert data["account"]["groups"] == ["Partners"]
    assert data["training"]["bookings"] == []


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(reverse("my-data"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
