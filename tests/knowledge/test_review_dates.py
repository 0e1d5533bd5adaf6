"""Ownership and freshness: the coordinators' report and the owners' reminder emails."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import time_machine

from intranet.knowledge.models import ReviewReminder


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"), [("staff", 403), ("partner", 403), ("coordinator", 200), ("admin", 200)]
)
def test_review_report_is_for_coordinators(client_for, role_users, role, expected):
    assert (
        client_for(role_users[role]).get("/knowledge-base/review-report/").status_code == expected
    )


@pytest.mark.django_db
def test_review_report_lists_only_live_articles_past_their_date(
    client_for, coordinator_user, staff_user, make_article
):
    make_article("Vencido há muito", owner=staff_user, review_in_days=-40)
    make_article("Vencido ontem", owner=staff_user, review_in_days=-1)
    make_article("Em dia", owner=staff_user, review_in_days=10)
    make_article("Hoje", owner=staff_user, review_in_days=0)
    make_article("Rascunho vencido", owner=staff_user, review_in_days=-5, live=False)
    html = client_for(coordinator_user).get("/knowledge-base/review-report/").content.decode()
    assert html.index("Vencido há muito") < html.index("Vencido ontem")
    assert "Em dia" not in html
    assert ">Hoje<" not in html
    assert "Rascunho vencido" not in html
    assert "Joana Simões" in html


@pytest.mark.django_db
def test_review_report_queries_do_not_grow(
    client_for, coordinator_user, make_user_factory, make_article
):
    client = client_for(coordinator_user)

    def count():
        client.get("/knowledge-base/review-report/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/knowledge-base/review-report/")
        return len(queries)

    make_article("A", owner=make_user_factory("dona0"), review_in_days=-3)
    few = count()
    for number in range(1, 6):
        make_article(f"B{number}", owner=make_user_factory(f"dona{number}"), review_in_days=-3)
    assert count() == few


@pytest.mark.django_db
def test_reminders_go_to_owners_once_a_day(staff_user, coordinator_user, make_article):
    make_article("Vencido A", owner=staff_user, review_in_days=-3)
    make_article("Vencido B", owner=staff_user, review_in_days=-1)
    make_article("Do coordenador", owner=coordinator_user, review_in_days=-2)
    make_article("Em dia", owner=staff_user, review_in_days=30)
    mail.outbox.clear()
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {staff_user.email, coordinator_user.email}
    staff_email = by_recipient[staff_user.email]
    assert staff_email.subject == "2 artigos da base de conhecimento precisam de revisão"
    assert "Vencido A" in staff_email.body and "Vencido B" in staff_email.body
    assert "Em dia" not in staff_email.body
    assert "http://testserver/admin/pages/" in staff_email.body

    mail.outbox.clear()
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    assert ReviewReminder.objects.count() == 3

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_newly_overdue_article_is_reminded_the_same_day(staff_user, make_article):
    make_article("Primeiro", owner=staff_user, review_in_days=-3)
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    make_article("Segundo", owner=staff_user, review_in_days=-1)
    mail.outbox.clear()
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (email,) = mail.outbox
    assert "Segundo" in email.body and "Primeiro" not in email.body


@pytest.mark.django_db
def test_admin_menu_links_the_report_for_coordinators_only(
    client_for, coordinator_user, staff_user
):
    assert (
        "/knowledge-base/review-report/"
        in client_for(coordinator_user).get("/admin/").content.decode()
    )
    assert (
        "/knowledge-base/review-report/"
        not in client_for(staff_user).get("/admin/").content.decode()
    )
