"""One way to send notification e-mails: dedup, preferences, language, workflow e-mails."""

from django.core import mail

from wagtail import hooks

import pytest

from intranet.core import notifications
from intranet.core.models import Notification
from intranet.core.notifications import NotificationKind, notify


def _test_kind():
    return NotificationKind(
        slug="test-kind",
        label="Test kind",
        template="core/email/review_outcome",
        build=lambda recipient, params: (
            None
            if params.get("nothing")
            else {
                "page": type("P", (), {"title": params["what"]})(),
                "approved": True,
                "reviewer_name": "Marta",
                "page_url": "/x/",
            }
        ),
    )


@pytest.fixture
def test_kind():
    notifications._registry.cache_clear()
    with hooks.register_temporarily(notifications.HOOK_NAME, _test_kind):
        yield "test-kind"
    notifications._registry.cache_clear()


def set_language(user, code):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


@pytest.mark.django_db
def test_same_key_sends_once(test_kind, staff_user):
    assert notify(staff_user, test_kind, {"what": "Lei 23/2007"}, key="page-1:1")
    assert not notify(staff_user, test_kind, {"what": "Lei 23/2007"}, key="page-1:1")
    assert notify(staff_user, test_kind, {"what": "Lei 23/2007"}, key="page-1:2")
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [staff_user.email]
    assert Notification.objects.filter(recipient=staff_user, sent_at__isnull=False).count() == 2


@pytest.mark.django_db
def test_inactive_people_and_missing_addresses_get_nothing(test_kind, staff_user):
    staff_user.is_active = False
    staff_user.save()
    assert not notify(staff_user, test_kind, {"what": "x"}, key="a")
    staff_user.is_active = True
    staff_user.email = ""
    staff_user.save()
    assert not notify(staff_user, test_kind, {"what": "x"}, key="a")
    assert mail.outbox == []


@pytest.mark.django_db
def test_e_mail_is_in_the_recipient_s_language(test_kind, staff_user, coordinator_user):
    set_language(staff_user, "en")
    notify(staff_user, test_kind, {"what": "NIF"}, key="k")
    notify(coordinator_user, test_kind, {"what": "NIF"}, key="k")
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person[staff_user.email].subject == "Approved and published: NIF"
    assert by_person[coordinator_user.email].subject == "Aprovado e publicado: NIF"
    assert "http://testserver/accounts/notifications/" in by_person[staff_user.email].body


@pytest.mark.django_db
def test_a_person_can_switch_optional_e_mails_off_and_on(test_kind, client_for, staff_user):
    client = client_for(staff_user)
    page = client.get("/accounts/notifications/")
    assert page.status_code == 200
    assert 'value="test-kind" checked' in page.content.decode()
    response = client.post("/accounts/notifications/", {}, follow=True)
    assert response.status_code == 200
    assert 'value="test-kind" checked' not in response.content.decode()
    assert not notify(staff_user, test_kind, {"what": "x"}, key="a")
    client.post("/accounts/notifications/", {"kind": ["test-kind", "made-up"]})
    assert notify(staff_user, test_kind, {"what": "x"}, key="a")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_nothing_to_say_sends_nothing(test_kind, staff_user):
    notify(staff_user, test_kind, {"nothing": True}, key="a")
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_language_switch_remembers_the_choice_for_e_mails(client_for, staff_user):
    from wagtail.users.models import UserProfile

    client_for(staff_user).post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert UserProfile.get_for_user(staff_user).get_preferred_language() == "en"
    assert notifications.preferred_language(staff_user) == "en"


def test_wagtail_workflow_receivers_are_ours():
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved, workflow_rejected

    sync_receivers, _async = workflow_approved._live_receivers(WorkflowState)
    approved = list(sync_receivers)
    rejected = list(workflow_rejected._live_receivers(WorkflowState)[0])
    assert notifications.on_workflow_approved in approved
    assert notifications.on_workflow_rejected in rejected
    assert not any(type(r).__name__.endswith("EmailNotifier") for r in approved + rejected)


@pytest.mark.django_db
def test_e_mails_are_plain_text_never_html_escaped(test_kind, staff_user):
    notify(staff_user, test_kind, {"what": 'Saúde & "Habitação" <AIMA>'}, key="amp")
    (email,) = mail.outbox
    assert email.subject == 'Aprovado e publicado: Saúde & "Habitação" <AIMA>'
    assert "&amp;" not in email.body and "&quot;" not in email.body
