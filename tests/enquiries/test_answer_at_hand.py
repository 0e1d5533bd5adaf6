"""The answer at hand: once a topic is chosen, the form shows what the knowledge base,
the legal updates and the directory have on it, for the office's municipality; with or
without JavaScript. And "suggest as training topic" on the insights page."""

from django.test import RequestFactory
from django.utils import timezone

import pytest

from intranet.core.resources import resources_for
from intranet.core.suggestions import can_suggest_topics
from intranet.enquiries.models import Enquiry
from intranet.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeBaseIndexPage,
    KnowledgeSectionPage,
)
from intranet.legal.models import LegalTopic, LegalUpdateIndexPage, LegalUpdatePage
from training.models import TopicRequest

from .factories import form_data, rows


@pytest.fixture
def content(db, providers, staff_user):
    legal = LegalUpdateIndexPage.objects.get()
    current = LegalUpdatePage(
        title="Novas regras do número de utente", slug="utente", summary="O que mudou."
    )
    old = LegalUpdatePage(
        title="Regras revogadas do utente", slug="utente-velho", summary="…", status="repealed"
    )
    other = LegalUpdatePage(title="Novas regras de arrendamento", slug="renda", summary="…")
    for page in (current, old, other):
        legal.add_child(instance=page)
    current.tags.add(LegalTopic.objects.get(slug="health"))
    old.tags.add(LegalTopic.objects.get(slug="health"))
    other.tags.add(LegalTopic.objects.get(slug="housing"))
    for page in (current, old, other):
        page.save_revision().publish()
    section = KnowledgeSectionPage(title="Saúde", slug="saude")
    KnowledgeBaseIndexPage.objects.get().add_child(instance=section)
    article = KnowledgeArticlePage(
        title="Número de utente do SNS",
        slug="numero-de-utente",
        summary="Como pedir.",
        owner=staff_user,
    )
    section.add_child(instance=article)
    article.tags.add("saúde")
    article.save_revision().publish()
    return {"current": current, "old": old, "article": article}


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_each_app_answers_for_the_topic_and_municipality(content, staff_at_cuba, providers):
    groups = {g.kind: g for g in resources_for(_request(staff_at_cuba), "health", "Cuba")}
    assert [r.title for r in groups["legal"].resources] == ["Novas regras do número de utente"]
    assert [r.title for r in groups["knowledge"].resources] == ["Número de utente do SNS"]
    assert groups["provider"].resources[0].title == "Centro de Saúde de Cuba"
    assert groups["provider"].resources[0].url == providers["cs-cuba"].get_absolute_url()
    housing = {g.kind for g in resources_for(_request(staff_at_cuba), "housing", "Cuba")}
    assert "knowledge" not in housing and "legal" in housing


@pytest.mark.django_db
def test_the_form_fetches_it_and_shows_it_without_javascript_too(
    login, content, staff_at_cuba, offices
):
    client = login(staff_at_cuba)
    fragment = client.get(
        f"/enquiries/answer-at-hand/?topic=health&office={offices['cuba'].pk}"
    ).content.decode()
    assert 'data-testid="resources-legal"' in fragment
    assert "Número de utente do SNS" in fragment and "<html" not in fragment
    assert "Regras revogadas" not in fragment
    assert client.get("/enquiries/answer-at-hand/?topic=nonsense").content.strip() == b""
    # Without JavaScript: the "show" button posts the form; nothing is saved or lost.
    data = form_data(offices["cuba"], topic="health", subtopic="", note="Volta amanhã.")
    response = client.post("/enquiries/new/", {**data, "intent": "resources"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Número de utente do SNS" in html
    assert "Volta amanhã.</textarea>" in html
    assert 'aria-invalid="true"' not in html
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_partners_get_nothing(login, partner_user, content):
    response = login(partner_user).get("/enquiries/answer-at-hand/?topic=health")
    assert response.status_code == 403
    assert "utente" not in response.content.decode()


@pytest.mark.django_db
def test_a_frequent_question_becomes_a_training_topic_request(
    login, coordinator_user, staff_at_cuba, offices
):
    assert can_suggest_topics()
    this_quarter = timezone.localdate().replace(day=1)
    Enquiry.objects.bulk_create(
        rows(offices["cuba"], 12, topic="health", subtopic="sns-number", day=this_quarter)
        + rows(offices["cuba"], 9, topic="health", subtopic="family-doctor", day=this_quarter)
        + rows(offices["cuba"], 3, topic="housing", subtopic="eviction", day=this_quarter)
    )
    client = login(coordinator_user)
    page = client.get("/insights/questions/").content.decode()
    assert 'data-testid="suggest-health:sns-number"' in page
    response = client.post(
        "/insights/suggest-training/", {"key": "health:sns-number", "query": ""}, follow=True
    )
    request = TopicRequest.objects.get()
    assert request.requester == coordinator_user
    assert request.topic == "Health service user number"
    assert "12 enquiries" in request.reason
    assert "was added to the training topic requests" in response.content.decode()
    client.post("/insights/suggest-training/", {"key": "housing:eviction", "query": ""})
    small = TopicRequest.objects.get(topic="Eviction")
    assert "<5 enquiries" in small.reason and " 3 " not in small.reason
    # Twice the same: one request.
    client.post("/insights/suggest-training/", {"key": "health:sns-number", "query": ""})
    assert TopicRequest.objects.count() == 2
    # Staff do not get the action.
    staff_page = login(staff_at_cuba).get("/insights/questions/").content.decode()
    assert 'data-testid="suggest-' not in staff_page
    staff_post = login(staff_at_cuba).post(
        "/insights/suggest-training/", {"key": "health:sns-number", "query": ""}
    )
    assert staff_post.status_code == 403


@pytest.mark.django_db
def test_without_a_training_handler_the_action_is_not_offered(
    login, coordinator_user, offices, monkeypatch
):
    from wagtail import hooks

    monkeypatch.setitem(hooks._hooks, "register_topic_suggestion", [])
    Enquiry.objects.bulk_create(rows(offices["cuba"], 8, topic="health", subtopic="sns-number"))
    client = login(coordinator_user)
    page = client.get("/insights/questions/").content.decode()
    assert 'data-testid="suggest-training"' not in page
    response = client.post("/insights/suggest-training/", {"key": "health:sns-number"})
    assert response.status_code == 404
