"""Daily acknowledgement reminders (cron): once a day per person, only what is pending, in
the person's language, never to someone who left, and not to someone who opted out."""

import datetime
import io

from django.core import mail
from django.core.management import call_command

from wagtail.users.models import UserProfile

import pytest
import time_machine

from intranet.core.models import Notification
from intranet.core.notifications import set_choices
from intranet.legal.notifications import REMINDER
from intranet.people.models import Profile
from intranet.people.services import mark_as_left
from tests.core.factories import StaffFactory

from .factories import AcknowledgementFactory, MustReadUpdateFactory


def remind(*args) -> str:
    out = io.StringIO()
    call_command("send_acknowledgement_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def team(coordinator_user):
    return {
        "coord": coordinator_user,
        **{name: StaffFactory(username=name) for name in ("ana", "bruno", "carla", "duarte")},
    }


@pytest.mark.django_db
def test_reminders_go_to_those_who_have_not_acknowledged_once_a_day(team):
    page = MustReadUpdateFactory(title="Leitura obrigatória A")
    MustReadUpdateFactory(title="Leitura obrigatória B")
    for name in ("ana", "bruno", "carla", "coord"):
        AcknowledgementFactory(user=team[name], page=page)
    mail.outbox.clear()

    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0), tick=False):
        assert "Reminders sent: 5;" in remind()
        by_person = {m.to[0]: m for m in mail.outbox}
        assert set(by_person) == {
            f"{n}@example.org" for n in ("ana", "bruno", "carla", "duarte")
        } | {"coordenadora@example.org"}
        duarte = by_person["duarte@example.org"]
        assert duarte.subject == "Lembrete: 2 atualizações legais por confirmar"
        assert "Leitura obrigatória A" in duarte.body and "Leitura obrigatória B" in duarte.body
        assert "http://testserver/legal-updates/" in duarte.body
        assert "Leitura obrigatória A" not in by_person["ana@example.org"].body

        assert "Reminders sent: 0;" in remind()  # cron again, the same day
        assert len(mail.outbox) == 5
        assert Notification.objects.filter(kind=REMINDER, key="2026-12-01").count() == 5

    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0), tick=False):
        remind()
        assert len(mail.outbox) == 10


@pytest.mark.django_db
def test_overdue_only_reminds_of_what_is_past_its_date(team):
    today = datetime.date(2026, 12, 1)
    MustReadUpdateFactory(title="Prazo passado", acknowledge_by=today - datetime.timedelta(days=1))
    MustReadUpdateFactory(title="Prazo a correr", acknowledge_by=today + datetime.timedelta(days=9))
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0), tick=False):
        remind("--overdue-only")
    assert len(mail.outbox) == 5
    assert all("Prazo passado" in m.body and "Prazo a correr" not in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_reminders_speak_the_language_each_person_chose(team):
    profile = UserProfile.get_for_user(team["duarte"])
    profile.preferred_language = "en"
    profile.save()
    MustReadUpdateFactory(title="Cartão de residência")
    mail.outbox.clear()
    remind()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["duarte@example.org"] == "Reminder: 1 legal update to acknowledge"
    assert subjects["ana@example.org"] == "Lembrete: 1 atualização legal por confirmar"
    english = next(m for m in mail.outbox if m.to == ["duarte@example.org"])
    assert english.body.startswith("Hello ")


@pytest.mark.django_db
def test_no_reminder_for_people_who_left(team):
    MustReadUpdateFactory(title="Leitura obrigatória")
    mark_as_left(team["ana"].profile)
    # A leaver whose login someone re-opened by hand is still not reminded.
    Profile.objects.filter(user=team["bruno"]).update(is_active_member=False)
    mail.outbox.clear()
    remind()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "carla@example.org",
        "coordenadora@example.org",
        "duarte@example.org",
    ]


@pytest.mark.django_db
def test_reminders_can_be_switched_off_but_the_publication_email_cannot(team, client_for):
    set_choices(team["carla"], wanted=set())
    MustReadUpdateFactory(title="Leitura obrigatória")
    assert "carla@example.org" in [m.to[0] for m in mail.outbox]  # told of the update
    mail.outbox.clear()
    remind()
    assert "carla@example.org" not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 4

    html = client_for(team["carla"]).get("/accounts/notifications/").content.decode()
    assert 'value="legal-acknowledgement-reminder"' in html
    assert 'value="legal-update-published"' not in html  # listed as always sent
