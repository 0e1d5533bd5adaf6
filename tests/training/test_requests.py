"""Topic requests: proposing, triage, status emails."""

from django.core import mail

import pytest

from training.models import TopicRequest

from .factories import TopicRequestFactory

pytestmark = pytest.mark.django_db


def test_staff_proposes_a_topic_and_sees_its_status(staff_user, client_for):
    client = client_for(staff_user)
    response = client.post(
        "/training/requests/",
        {
            "topic": "Reagrupamento familiar",
            "topic_area": "immigration_law",
            "reason": "Muitos pedidos.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Reagrupamento familiar" in html
    assert "Novo" in html
    assert TopicRequest.objects.get().requester == staff_user


def test_missing_reason_keeps_what_was_typed(staff_user, client_for):
    response = client_for(staff_user).post(
        "/training/requests/", {"topic": "Saúde mental", "reason": ""}
    )
    html = response.content.decode()
    assert "Este campo é obrigatório" in html
    assert 'value="Saúde mental"' in html
    assert not TopicRequest.objects.exists()


def test_coordinator_plans_then_completes_and_the_requester_is_emailed(
    staff_user, coordinator_user, module, client_for
):
    topic_request = TopicRequestFactory(requester=staff_user, topic="Mediação")
    client = client_for(coordinator_user)
    assert "Mediação" in client.get("/training/requests/triage/?status=new").content.decode()

    client.post(
        f"/training/requests/{topic_request.pk}/triage/",
        {"status": "planned", "module": module.pk, "session": "", "response": "Entra no módulo."},
    )
    topic_request.refresh_from_db()
    assert topic_request.status == "planned" and topic_request.module == module
    assert len(mail.outbox) == 1
    assert "Planeado" in mail.outbox[0].subject
    assert module.title in mail.outbox[0].body
    assert mail.outbox[0].to == [staff_user.email]

    # Saving again without a status change sends nothing new.
    client.post(
        f"/training/requests/{topic_request.pk}/triage/",
        {"status": "planned", "module": module.pk, "session": "", "response": "Entra no módulo 1."},
    )
    assert len(mail.outbox) == 1

    client.post(
        f"/training/requests/{topic_request.pk}/triage/",
        {"status": "done", "module": module.pk, "session": "", "response": ""},
    )
    assert len(mail.outbox) == 2
    html = client_for(staff_user).get("/training/requests/").content.decode()
    assert "Concluído" in html


def test_declining_needs_a_reason(staff_user, coordinator_user, client_for):
    topic_request = TopicRequestFactory(requester=staff_user, topic="Golfe")
    response = client_for(coordinator_user).post(
        f"/training/requests/{topic_request.pk}/triage/", {"status": "declined", "response": ""}
    )
    assert "Indique porque" in response.content.decode()
    topic_request.refresh_from_db()
    assert topic_request.status == "new"
    assert mail.outbox == []


def test_planned_needs_a_module_or_session(staff_user, coordinator_user, client_for):
    topic_request = TopicRequestFactory(requester=staff_user)
    response = client_for(coordinator_user).post(
        f"/training/requests/{topic_request.pk}/triage/", {"status": "planned", "response": ""}
    )
    assert response.status_code == 200
    topic_request.refresh_from_db()
    assert topic_request.status == "new"


def test_staff_cannot_triage(staff_user, client_for):
    topic_request = TopicRequestFactory(requester=staff_user)
    client = client_for(staff_user)
    assert client.get("/training/requests/triage/").status_code == 403
    assert (
        client.post(
            f"/training/requests/{topic_request.pk}/triage/", {"status": "done"}
        ).status_code
        == 403
    )
    topic_request.refresh_from_db()
    assert topic_request.status == "new"


def test_staff_sees_only_their_own_requests(staff_user, coordinator_user, client_for):
    TopicRequestFactory(requester=coordinator_user, topic="Pedido da Marta")
    html = client_for(staff_user).get("/training/requests/").content.decode()
    assert "Pedido da Marta" not in html
