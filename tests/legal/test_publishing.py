"""Who may publish, and the e-mail sent when a must-read update is published."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
import time_machine

from intranet.legal.models import LegalUpdatePage
from intranet.legal.tasks import announce_update
from intranet.people.services import mark_as_left
from tests.core.factories import StaffFactory

from .factories import LegalUpdatePageFactory, MustReadUpdateFactory


def admin_form(title="Novo prazo para renovação", **overrides):
    data = {
        "title": title,
        "slug": "novo-prazo",
        "summary": "Os pedidos de renovação passam a ser feitos só online.",
        "body": streamfield([]),
        "action_required": "Ajudar a fazer o pedido no portal.",
        "status": "in_force",
        "tags": '"Procedimentos de imigração"',
        "must_acknowledge": "on",
        "acknowledge_by": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "legal_references": inline_formset(
            [
                {
                    "kind": "lei",
                    "number": "23/2007",
                    "date": "2007-07-04",
                    "article": "artigo 78.º",
                    "url": "https://data.dre.pt/eli/lei/23/2007/07/04/p/dre/pt/html",
                }
            ]
        ),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["legal", "legalupdatepage", index.pk])


@pytest.mark.django_db
def test_staff_can_draft_but_a_hand_made_publish_only_saves_a_draft(
    client_for, staff_user, legal_index
):
    client = client_for(staff_user)
    response = client.post(add_url(legal_index), admin_form(**{"action-publish": "publish"}))
    assert response.status_code == 302
    page = LegalUpdatePage.objects.get(slug="novo-prazo")
    assert not page.live
    assert [t.slug for t in page.get_latest_revision_as_object().tags.all()] == [
        "immigration-procedures"
    ]
    assert len(mail.outbox) == 0

    # A hand-made publish on the edit view, and on the bulk publish action: still not live.
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit, admin_form(**{"action-publish": "publish"}))
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{bulk}?id={page.pk}", {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_staff_submit_for_review_and_a_coordinator_approves_and_publishes(
    client_for, staff_user, coordinator_user, legal_index
):
    client = client_for(staff_user)
    client.post(add_url(legal_index), admin_form(**{"action-submit": "submit"}))
    page = LegalUpdatePage.objects.get(slug="novo-prazo")
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live

    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {"comment": ""})  # staff cannot approve their own submission
    page.refresh_from_db()
    assert not page.live

    coordinator = client_for(coordinator_user)
    response = coordinator.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    # The publish e-mailed every expected reader once.
    # (Wagtail's own workflow e-mails are in the outbox too.)
    recipients = sorted(m.to[0] for m in mail.outbox if "passam a ser feitos só online" in m.body)
    assert recipients == sorted([staff_user.email, coordinator_user.email])


@pytest.mark.django_db
def test_coordinator_publishes_from_the_admin(
    client_for, coordinator_user, staff_user, legal_index
):
    client = client_for(coordinator_user)
    response = client.post(add_url(legal_index), admin_form(**{"action-publish": "publish"}))
    assert response.status_code == 302
    page = LegalUpdatePage.objects.get(slug="novo-prazo")
    assert page.live
    assert [str(r) for r in page.legal_references.all()] == ["Lei n.º 23/2007, artigo 78.º"]
    assert [t.slug for t in page.tags.all()] == ["immigration-procedures"]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_topics_outside_the_vocabulary_are_not_created(client_for, coordinator_user, legal_index):
    client = client_for(coordinator_user)
    client.post(
        add_url(legal_index),
        admin_form(**{"action-publish": "publish", "tags": "Habitação, Assuntos vários"}),
    )
    page = LegalUpdatePage.objects.get(slug="novo-prazo")
    assert [t.slug for t in page.tags.all()] == ["housing"]
    from intranet.legal.models import LegalTopic

    assert LegalTopic.objects.count() == 7


@pytest.mark.django_db
def test_admin_refuses_a_must_read_without_due_date_and_keeps_the_input(
    client_for, coordinator_user, legal_index
):
    client = client_for(coordinator_user)
    response = client.post(
        add_url(legal_index), admin_form(**{"action-publish": "publish", "acknowledge_by": ""})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indique até quando" in html
    assert "Os pedidos de renovação passam a ser feitos só online." in html
    assert not LegalUpdatePage.objects.filter(slug="novo-prazo").exists()


@pytest.mark.django_db
def test_one_email_per_publish_none_on_resave(staff_user, coordinator_user):
    page = MustReadUpdateFactory(
        title="Fim das manifestações de interesse", summary="Deixa de ser possível."
    )
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert "Fim das manifestações de interesse" in message.subject
    assert "Deixa de ser possível." in message.body
    assert f"http://testserver{page.url}" in message.body

    mail.outbox.clear()
    page.title = "Fim das manifestações de interesse (corrigido)"
    page.save_revision()  # a draft: nothing
    assert len(mail.outbox) == 0
    page.save_revision().publish()  # a plain re-publish: nothing
    assert len(mail.outbox) == 0

    page.requires_reacknowledgement = True
    page.save_revision().publish()  # a material change: staff are told again
    assert len(mail.outbox) == 2
    assert "alterada substancialmente" in mail.outbox[0].body


@pytest.mark.django_db
def test_no_email_for_updates_that_are_not_must_read(staff_user):
    LegalUpdatePageFactory(title="Nota informativa", must_acknowledge=False)
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_the_email_is_in_each_persons_language_and_sent_once_per_round(staff_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    portuguese = StaffFactory(username="luisa")
    page = MustReadUpdateFactory(title="Novo prazo")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        staff_user.email: "Legal update to read: Novo prazo",
        portuguese.email: "Atualização legal para ler: Novo prazo",
    }
    # Run the announcement again (a retried task): nobody hears twice about one round.
    announce_update.call(page.pk, page.ack_epoch)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_emails_go_only_to_active_network_staff(staff_user, partner_user, admin_user):
    StaffFactory(username="saiu", is_active=False)
    mark_as_left(StaffFactory(username="saiu-hoje").profile)
    MustReadUpdateFactory()
    assert [m.to for m in mail.outbox] == [[staff_user.email]]


@pytest.mark.django_db
def test_scheduled_publishing_notifies_when_it_goes_live(legal_index, staff_user):
    from django.core.management import call_command

    page = LegalUpdatePage(
        title="Agendada",
        slug="agendada",
        summary="Publicação agendada.",
        live=False,
        must_acknowledge=True,
        acknowledge_by=timezone.localdate() + datetime.timedelta(days=30),
    )
    legal_index.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()  # scheduled, not live yet
    page.refresh_from_db()
    assert not page.live
    assert len(mail.outbox) == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
