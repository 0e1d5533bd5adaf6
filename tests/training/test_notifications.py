"""Every training e-mail is a registered notification kind, sent once per key, in the
recipient's language; people may switch off only the optional ones."""

from django.core import mail
from django.urls import reverse

import pytest

from intranet.core.models import Notification
from intranet.core.notifications import get_kind, set_choices
from training import notifications, services
from training.models import TrainingSession

from .factories import SessionFactory, StaffFactory, TopicRequestFactory

pytestmark = pytest.mark.django_db

ALWAYS = [
    notifications.BOOKING_CONFIRMED,
    notifications.BOOKING_WAITLISTED,
    notifications.BOOKING_PROMOTED,
    notifications.SESSION_CANCELLED,
]
OPTIONAL = [notifications.SESSION_REMINDER, notifications.TOPIC_REQUEST_STATUS]


def speaks_english(user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_kinds_are_registered_and_only_reminders_and_answers_are_optional():
    assert [get_kind(slug).optional for slug in ALWAYS] == [False] * 4
    assert [get_kind(slug).optional for slug in OPTIONAL] == [True] * 2


def test_the_settings_page_lists_the_training_kinds(staff_user, client_for):
    html = client_for(staff_user).get(reverse("notification-settings")).content.decode()
    for slug in OPTIONAL:
        assert f'value="{slug}"' in html
    for slug in ALWAYS:
        assert f'value="{slug}"' not in html  # listed as always sent, without a checkbox
    assert "Formação: uma sessão que reservei foi cancelada" in html


def test_switching_everything_off_still_tells_of_a_cancelled_session(module, staff_user):
    session = SessionFactory(module=module)
    services.book_session(staff_user, session.pk)
    set_choices(staff_user, set())
    mail.outbox.clear()
    session.status = TrainingSession.Status.CANCELLED
    session.save()
    assert services.cancel_session(session) == 1
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert services.cancel_session(session) == 0
    assert len(mail.outbox) == 1


def test_booking_e_mails_are_in_the_recipient_s_language(module):
    session = SessionFactory(module=module, capacity=1, title="Direitos & deveres")
    english, portuguese = speaks_english(StaffFactory()), StaffFactory()
    services.book_session(english, session.pk)
    services.book_session(portuguese, session.pk)
    services.cancel_booking(english, session.pk)
    subjects = [(m.to[0], m.subject) for m in mail.outbox]
    assert subjects == [
        (english.email, "Booking confirmed: Direitos & deveres"),
        (portuguese.email, "Na lista de espera: Direitos & deveres"),
        (portuguese.email, "O lugar é seu: Direitos & deveres"),
    ]
    assert "Trainer:" in mail.outbox[0].body and "Formador(a):" in mail.outbox[2].body
    assert reverse("training:session-detail", args=[session.pk]) in mail.outbox[2].body


def test_a_topic_request_answer_is_sent_once_per_change_in_english(coordinator_user, module):
    requester = speaks_english(StaffFactory())
    topic_request = TopicRequestFactory(requester=requester, topic="Saúde mental")
    services.triage_request(topic_request, "planned", coordinator_user, "Sim.", module=module)
    services.triage_request(topic_request, "planned", coordinator_user, "Sim!", module=module)
    assert [m.subject for m in mail.outbox] == ["Your training topic request is now: Planned"]
    assert module.title in mail.outbox[0].body
    assert (
        Notification.objects.filter(
            recipient=requester, kind=notifications.TOPIC_REQUEST_STATUS
        ).count()
        == 1
    )


def test_an_e_mail_about_a_booking_cancelled_meanwhile_is_not_sent(module, staff_user):
    """The task writes the e-mail later (a worker in production): if the booking changed
    in between, it says nothing rather than something untrue."""
    session = SessionFactory(module=module)
    booking = services.book_session(staff_user, session.pk)
    services.cancel_booking(staff_user, session.pk)
    mail.outbox.clear()
    notifications.booking_promoted(booking)
    assert mail.outbox == []
