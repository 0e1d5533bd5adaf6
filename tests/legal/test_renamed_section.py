"""Editors may change the legal updates section's slug in the admin: every link the
section gives (pages, feed, report, dashboard, e-mails) follows it."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import feedparser
import pytest
from bs4 import BeautifulSoup

from .factories import MustReadUpdateFactory

OLD = "/legal-updates/"
NEW = "/atualizacoes-legais/"


def links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a["href"] for a in soup.select("a[href]")]


def rename_section(legal_index, slug: str) -> None:
    """As an editor does it: change the slug in the admin and publish."""
    legal_index.slug = slug
    legal_index.save_revision().publish()


@pytest.mark.django_db
def test_renaming_the_section_keeps_every_link_working(
    client_for, staff_user, coordinator_user, legal_index
):
    rename_section(legal_index, "atualizacoes-legais")
    overdue = timezone.localdate() - datetime.timedelta(days=1)
    pages = [
        MustReadUpdateFactory(title=f"Leitura {n}", topics=["housing"], acknowledge_by=overdue)
        for n in range(9)
    ]
    update = pages[0]
    assert update.url.startswith(NEW)
    mail.outbox.clear()

    staff = client_for(staff_user)
    assert staff.get(NEW).status_code == 200
    assert staff.get(OLD).status_code == 404
    html = staff.get(update.url).content.decode()
    assert NEW in links(html)  # back to the section
    assert f"{NEW}?topic=housing" in links(html)

    # The dashboard panel's "see all" link (more than eight pending).
    panel = staff.get("/").content.decode().split('data-testid="panel-legal-must-read"')[1]
    assert f'href="{NEW}"' in panel.split("</section>")[0]

    # The refusal page of an update that is not published offers the way back.
    draft = MustReadUpdateFactory(live=False)
    refused = staff.post(reverse("legal:acknowledge", args=[draft.pk]))
    assert refused.status_code == 400
    assert NEW in links(refused.content.decode())
    my_feed = staff.get(reverse("legal:my-feed")).content.decode()
    assert NEW in links(my_feed)

    feed = feedparser.parse(staff.get(reverse("legal:feed")).content)
    assert feed.feed.link == f"http://testserver{NEW}"
    assert feed.entries[0].link.startswith(f"http://testserver{NEW}")
    topic_feed = feedparser.parse(staff.get(reverse("legal:topic-feed", args=["housing"])).content)
    assert topic_feed.feed.link == f"http://testserver{NEW}?topic=housing"

    coordinator = client_for(coordinator_user)
    report = coordinator.get(reverse("legal:report")).content.decode()
    assert NEW in links(report)
    detail = coordinator.get(reverse("legal:report-detail", args=[update.pk])).content.decode()
    assert update.url in links(detail)

    # E-mails: the reminder links each update and the section.
    call_command("send_acknowledgement_reminders", stdout=io.StringIO())
    reminder = next(m for m in mail.outbox if m.to == [staff_user.email])
    assert f"http://testserver{update.url}" in reminder.body
    assert f"http://testserver{NEW}\n" in reminder.body
    # Nothing points at the old address (the app's own views keep theirs: feed, report).
    for page in (html, report, detail, my_feed):
        assert not [link for link in links(page) if link == OLD or link.startswith(OLD + "?")]
    assert f"testserver{OLD}\n" not in reminder.body


@pytest.mark.django_db
def test_the_publication_email_links_the_renamed_address(staff_user, legal_index):
    rename_section(legal_index, "atualizacoes-legais")
    update = MustReadUpdateFactory(slug="nova-lei")
    (email,) = mail.outbox
    assert f"http://testserver{NEW}nova-lei/" in email.body
    assert update.url == f"{NEW}nova-lei/"
