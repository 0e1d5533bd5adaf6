"""Ownership and freshness: the coordinators' report, the owners' reminder e-mails, and
the owner select in the admin; people who left own nothing and are reminded of nothing."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest
import time_machine
from bs4 import BeautifulSoup

from intranet.core.models import Notification
from intranet.knowledge.notifications import REVIEW_REMINDER
from intranet.people.models import Profile
from intranet.people.services import mark_as_left
from tests.core.factories import AdministratorFactory, PartnerFactory, StaffFactory

from .factories import KnowledgeArticlePageFactory

REPORT = "/knowledge-base/review-report/"


def report_rows(client) -> list[list[str]]:
    soup = BeautifulSoup(client.get(REPORT).content.decode(), "html.parser")
    table = soup.select_one('table[data-testid="review-report"]')
    return [
        [cell.get_text(" ", strip=True).replace("\xa0", " ") for cell in row.find_all(["th", "td"])]
        for row in table.select("tbody tr")
        if not row.select("td[colspan]")  # the "nothing to show" row
    ]


def remind() -> str:
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"), [("staff", 403), ("partner", 403), ("coordinator", 200), ("admin", 200)]
)
def test_review_report_is_for_coordinators(client_for, role_users, role, expected):
    assert client_for(role_users[role]).get(REPORT).status_code == expected


@pytest.mark.django_db
def test_review_report_lists_only_live_articles_past_their_date(
    client_for, coordinator_user, staff_user, section
):
    for title, days, live in [
        ("Vencido há muito", -40, True),
        ("Vencido ontem", -1, True),
        ("Em dia", 10, True),
        ("Hoje", 0, True),
        ("Rascunho vencido", -5, False),
    ]:
        KnowledgeArticlePageFactory(
            parent=section, title=title, owner=staff_user, review_in_days=days, live=live
        )
    rows = report_rows(client_for(coordinator_user))
    assert [row[0] for row in rows] == ["Vencido há muito", "Vencido ontem"]
    assert rows[0][1] == "Joana Simões"
    assert rows[0][3].startswith("1 mês")  # overdue by, in words
    html = client_for(coordinator_user).get(REPORT).content.decode()
    article = KnowledgeArticlePageFactory._meta.model.objects.get(title="Vencido ontem")
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[article.pk])}"' in html
    assert f'href="{article.url}"' in html


@pytest.mark.django_db
def test_articles_of_people_who_left_are_listed_for_a_new_owner(
    client_for, coordinator_user, section
):
    leaver = StaffFactory(first_name="Rui", last_name="Saiu")
    stays = StaffFactory(first_name="Sara", last_name="Fica")
    KnowledgeArticlePageFactory(parent=section, title="Do Rui", owner=leaver, review_in_days=60)
    KnowledgeArticlePageFactory(parent=section, title="Da Sara", owner=stays, review_in_days=60)
    client = client_for(coordinator_user)
    assert report_rows(client) == []

    mark_as_left(leaver.profile)
    rows = report_rows(client)
    assert {row[0]: row[1] for row in rows} == {
        "Do Rui": "Rui Saiu saiu da rede: escolha um novo responsável"
    }


@pytest.mark.django_db
def test_an_article_without_owner_is_listed_too(client_for, coordinator_user, section):
    KnowledgeArticlePageFactory(parent=section, title="Sem dono", owner=None)
    (row,) = report_rows(client_for(coordinator_user))
    assert row[:2] == ["Sem dono", "Sem responsável: escolha um"]


@pytest.mark.django_db
def test_review_report_queries_do_not_grow(client_for, coordinator_user, section):
    client = client_for(coordinator_user)

    def count():
        client.get(REPORT)
        with CaptureQueriesContext(connection) as queries:
            client.get(REPORT)
        return len(queries)

    KnowledgeArticlePageFactory(parent=section, title="A", review_in_days=-3)
    few = count()
    for number in range(1, 6):
        KnowledgeArticlePageFactory(parent=section, title=f"B{number}", review_in_days=-3)
    mark_as_left(KnowledgeArticlePageFactory(parent=section, title="C").owner.profile)
    assert count() == few


@pytest.mark.django_db
def test_reminders_go_to_owners_once_a_day(staff_user, coordinator_user, section):
    KnowledgeArticlePageFactory(
        parent=section, title="Vencido A", owner=staff_user, review_in_days=-3
    )
    KnowledgeArticlePageFactory(
        parent=section, title="Vencido B", owner=staff_user, review_in_days=-1
    )
    KnowledgeArticlePageFactory(
        parent=section, title="Do coordenador", owner=coordinator_user, review_in_days=-2
    )
    KnowledgeArticlePageFactory(parent=section, title="Em dia", owner=staff_user, review_in_days=30)
    mail.outbox.clear()
    assert remind() == "Review reminders sent: 2\n"
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {staff_user.email, coordinator_user.email}
    staff_email = by_recipient[staff_user.email]
    assert staff_email.subject == "2 artigos da base de conhecimento precisam de revisão"
    assert "Vencido A" in staff_email.body and "Vencido B" in staff_email.body
    assert "Em dia" not in staff_email.body
    article = KnowledgeArticlePageFactory._meta.model.objects.get(title="Vencido A")
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert f"http://testserver{edit}" in staff_email.body

    mail.outbox.clear()
    assert remind() == "Review reminders sent: 0\n"  # cron again, the same day
    assert mail.outbox == []
    today = timezone.localdate().isoformat()
    assert Notification.objects.filter(kind=REVIEW_REMINDER, key=today).count() == 2

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        remind()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_an_article_overdue_later_in_the_day_waits_for_tomorrows_reminder(staff_user, section):
    """One reminder per owner a day: what becomes overdue after it is in the next one."""
    KnowledgeArticlePageFactory(
        parent=section, title="Primeiro", owner=staff_user, review_in_days=-3
    )
    remind()
    KnowledgeArticlePageFactory(
        parent=section, title="Segundo", owner=staff_user, review_in_days=-1
    )
    mail.outbox.clear()
    remind()
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=False):
        remind()
    (email,) = mail.outbox
    assert "Segundo" in email.body and "Primeiro" in email.body


@pytest.mark.django_db
def test_no_review_reminder_for_people_who_left(staff_user, section):
    gone = StaffFactory()
    reopened = StaffFactory()
    for owner in (staff_user, gone, reopened):
        KnowledgeArticlePageFactory(parent=section, owner=owner, review_in_days=-3)
    mark_as_left(gone.profile)
    # Marked as having left although someone re-opened the login by hand: still nothing.
    Profile.objects.filter(user=reopened).update(is_active_member=False)
    mail.outbox.clear()
    remind()
    assert [m.to for m in mail.outbox] == [[staff_user.email]]


@pytest.mark.django_db
def test_review_reminder_in_the_owners_language(staff_user, section):
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    KnowledgeArticlePageFactory(parent=section, owner=staff_user, review_in_days=-3)
    mail.outbox.clear()
    remind()
    (email,) = mail.outbox
    assert email.subject == "One knowledge base article is due for review"


@pytest.mark.django_db
def test_owner_select_offers_colleagues_by_name(client_for, coordinator_user, section):
    StaffFactory(username="ana.lopes", first_name="Ana", last_name="Lopes")
    mark_as_left(StaffFactory(username="rui.saiu", first_name="Rui", last_name="Saiu").profile)
    PartnerFactory(username="parceira", first_name="Paula", last_name="Parceira")
    AdministratorFactory(username="root", first_name="Raiz", last_name="Admin")
    add = reverse("wagtailadmin_pages:add", args=["knowledge", "knowledgearticlepage", section.pk])
    html = client_for(coordinator_user).get(add).content.decode()
    select = BeautifulSoup(html, "html.parser").select_one("select#id_owner")
    options = [option.get_text(strip=True) for option in select.find_all("option")]
    assert "Ana Lopes" in options
    assert "Marta Gonçalves" in options
    assert not any(
        word in option
        for option in options
        for word in ("Rui", "Paula", "Raiz", "ana.lopes", "coordenadora")
    )


@pytest.mark.django_db
def test_an_article_whose_owner_left_asks_for_a_new_owner(client_for, coordinator_user, section):
    leaver = StaffFactory(first_name="Rui", last_name="Saiu")
    article = KnowledgeArticlePageFactory(parent=section, owner=leaver)
    mark_as_left(leaver.profile)
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    html = client_for(coordinator_user).get(edit).content.decode()
    assert "Rui Saiu, já não trabalha na rede" in html


@pytest.mark.django_db
def test_admin_menu_links_the_report_for_coordinators_only(
    client_for, coordinator_user, staff_user
):
    assert REPORT in client_for(coordinator_user).get("/admin/").content.decode()
    assert REPORT not in client_for(staff_user).get("/admin/").content.decode()
