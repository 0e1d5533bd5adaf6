import io

from django.core.management import call_command

from wagtail.models import WorkflowState

import pytest

from intranet.knowledge.models import KnowledgeArticlePage, KnowledgeSectionPage, PageFollow
from intranet.knowledge.services import articles_to_review

from .factories import KnowledgeArticlePageFactory


@pytest.mark.django_db
def test_dashboard_panel_shows_my_articles_in_review_due_and_followed(
    client_for, staff_user, section
):
    due = KnowledgeArticlePageFactory(
        parent=section, title="Para rever em breve", owner=staff_user, review_in_days=3
    )
    KnowledgeArticlePageFactory(
        parent=section, title="Revisto há pouco", owner=staff_user, review_in_days=100
    )
    followed = KnowledgeArticlePageFactory(parent=section, title="Seguida")
    PageFollow.objects.create(user=staff_user, page=followed)
    draft = KnowledgeArticlePageFactory(
        parent=section, title="Em revisão", owner=staff_user, live=False
    )
    draft.get_workflow().start(draft, staff_user)

    html = client_for(staff_user).get("/").content.decode()
    assert 'data-testid="panel-knowledge"' in html
    awaiting = html.split('data-testid="kb-awaiting-review"', 1)[1].split("</ul>", 1)[0]
    assert "Em revisão" in awaiting
    due_list = html.split('data-testid="kb-due-for-review"', 1)[1].split("</ul>", 1)[0]
    assert due.title in due_list and "Revisto há pouco" not in due_list
    follows = html.split('data-testid="kb-follows"', 1)[1].split("</ul>", 1)[0]
    assert "Seguida" in follows


@pytest.mark.django_db
def test_dashboard_panel_only_for_network_staff(client_for, partner_user, coordinator_user):
    assert 'data-testid="panel-knowledge"' in client_for(coordinator_user).get("/").content.decode()
    response = client_for(partner_user).get("/", follow=True)
    assert 'data-testid="panel-knowledge"' not in response.content.decode()


@pytest.mark.django_db
def test_demo_loads_sections_articles_a_draft_in_review_and_follows_idempotently():
    call_command("load_demo", stdout=io.StringIO())
    counts = (
        KnowledgeSectionPage.objects.count(),
        KnowledgeArticlePage.objects.live().count(),
        KnowledgeArticlePage.objects.filter(live=False).count(),
        PageFollow.objects.count(),
        WorkflowState.objects.active().count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        KnowledgeSectionPage.objects.count(),
        KnowledgeArticlePage.objects.live().count(),
        KnowledgeArticlePage.objects.filter(live=False).count(),
        PageFollow.objects.count(),
        WorkflowState.objects.active().count(),
    )
    assert counts[0] == 3
    assert counts[1] >= 8
    assert counts[2] == 1
    assert counts[3] == 2
    assert counts[4] >= 1
    articles = KnowledgeArticlePage.objects.live()
    assert all(a.owner is not None for a in articles)
    assert any(a.is_overdue for a in articles)
    draft = KnowledgeArticlePage.objects.get(live=False)
    assert draft.workflow_in_progress
    # The review report has something to show: overdue articles and one whose owner left.
    to_review = list(articles_to_review())
    assert any(not article.owner_works_here for article in to_review)
    assert any(article.is_overdue and article.owner_works_here for article in to_review)
