"""Editors may change the knowledge base's slug in the admin: every link the section gives
(pages, dashboard, lists, report, e-mails) follows it."""

import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from .factories import KnowledgeArticlePageFactory, KnowledgeSectionPageFactory, PageFollowFactory

OLD = "/knowledge-base/"
NEW = "/saber/"


def links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a["href"] for a in soup.select("a[href]")]


@pytest.mark.django_db
def test_renaming_the_knowledge_base_keeps_every_link_working(
    client_for, staff_user, coordinator_user, kb_index
):
    kb_index.slug = "saber"
    kb_index.save_revision().publish()
    section = KnowledgeSectionPageFactory(slug="habitacao")
    article = KnowledgeArticlePageFactory(
        parent=section, slug="arrendamento", owner=staff_user, review_in_days=-2
    )
    assert article.url == f"{NEW}habitacao/arrendamento/"
    PageFollowFactory(user=coordinator_user, page=article)

    staff = client_for(staff_user)
    assert staff.get(OLD).status_code == 404
    index_html = staff.get(NEW).content.decode()
    assert section.url in links(index_html)
    section_html = staff.get(section.url).content.decode()
    assert article.url in links(section_html)
    new_article = reverse(
        "wagtailadmin_pages:add", args=["knowledge", "knowledgearticlepage", section.pk]
    )
    assert new_article in links(section_html)
    article_html = staff.get(article.url).content.decode()
    assert section.url in links(article_html)
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in links(article_html)
    dashboard = staff.get("/").content.decode().split('data-testid="panel-knowledge"')[1]
    assert NEW in links(dashboard.split("</section>")[0])

    coordinator = client_for(coordinator_user)
    assert article.url in links(coordinator.get(reverse("knowledge:following-list")).text)
    report = coordinator.get(reverse("knowledge:review-report")).content.decode()
    assert article.url in links(report)
    assert NEW in links(report)

    # E-mails: the follower's new-version e-mail and the owner's review reminder.
    mail.outbox.clear()
    article.save_revision(user=staff_user).publish()
    (new_version,) = mail.outbox
    assert f"http://testserver{article.url}" in new_version.body
    call_command("send_review_reminders", stdout=io.StringIO())
    reminder = mail.outbox[-1]
    assert reminder.to == [staff_user.email]
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert f"http://testserver{edit}" in reminder.body

    # Nothing points at the old addresses (the app's own views keep theirs: following...).
    for html in (index_html, section_html, article_html, report):
        assert not [
            link for link in links(html) if link == OLD or link.startswith(f"{OLD}habitacao/")
        ]
