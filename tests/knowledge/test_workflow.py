"""The contribution workflow through the Wagtail admin, as staff and coordinators use it:
staff write and submit, never publish; coordinators approve or request changes."""

from django.core import mail

from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from intranet.knowledge.models import KnowledgeArticlePage

from .factories import KnowledgeArticlePageFactory

ARTICLE_URL = "/knowledge-base/imigracao/como-pedir-o-nif/"


def article_form(owner, title="Como pedir o NIF", text="Vá às Finanças.", **extra):
    data = {
        "title": title,
        "slug": "como-pedir-o-nif",
        "summary": "Passos para obter o NIF.",
        "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
        "owner": str(owner.pk),
        "review_by": "2030-01-31",
        "tags": "finanças, nif",
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def add_url(section):
    return f"/admin/pages/add/knowledge/knowledgearticlepage/{section.pk}/"


def submit_new_article(client, section, author):
    response = client.post(add_url(section), {**article_form(author), "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return KnowledgeArticlePage.objects.get(slug="como-pedir-o-nif")


def current_task_state(article) -> TaskState:
    return TaskState.objects.get(
        workflow_state__object_id=str(article.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def review(client, article, action, comment=""):
    task_state = current_task_state(article)
    return client.post(
        f"/admin/pages/workflow/action/{article.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
    )


@pytest.mark.django_db
def test_staff_submit_an_article_and_coordinators_are_asked_to_review(
    client_for, staff_user, coordinator_user, section
):
    article = submit_new_article(client_for(staff_user), section, staff_user)
    assert not article.live
    assert article.owner == staff_user
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Coordinator review"
    assert [m for m in mail.outbox if coordinator_user.email in m.to]
    # Not visible on the site while in review, not even to its author.
    assert client_for(staff_user).get(ARTICLE_URL).status_code == 404


@pytest.mark.django_db
def test_new_article_owner_defaults_to_its_author(client_for, staff_user, section):
    html = client_for(staff_user).get(add_url(section)).content.decode()
    assert f'<option value="{staff_user.pk}" selected>' in html


@pytest.mark.django_db
def test_staff_cannot_publish_a_new_article_even_with_a_hand_made_post(
    client_for, staff_user, section
):
    client = client_for(staff_user)
    client.post(add_url(section), {**article_form(staff_user), "action-publish": "1"})
    article = KnowledgeArticlePage.objects.get(slug="como-pedir-o-nif")
    assert not article.live
    assert client.get(ARTICLE_URL).status_code == 404


@pytest.mark.django_db
def test_staff_cannot_publish_an_edit_by_any_admin_route(
    client_for, staff_user, coordinator_user, section
):
    article = KnowledgeArticlePageFactory(
        parent=section, title="Como pedir o NIF", owner=staff_user, slug="como-pedir-o-nif"
    )
    client = client_for(staff_user)
    # The edit form's publish action.
    client.post(
        f"/admin/pages/{article.pk}/edit/",
        {**article_form(staff_user, text="Texto alterado."), "action-publish": "1"},
    )
    assert "Texto alterado" not in client.get(ARTICLE_URL).content.decode()
    # The bulk publish action.
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={article.pk}", {"include_descendants": ""}
    )
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.has_unpublished_changes
    assert "Texto alterado" not in client.get(ARTICLE_URL).content.decode()
    # Approving their own submission in the workflow.
    client.post(
        f"/admin/pages/{article.pk}/edit/",
        {**article_form(staff_user, text="Texto alterado."), "action-submit": "1"},
    )
    response = review(client, article, "approve")
    assert response.status_code in (302, 403)
    assert current_task_state(article)
    assert "Texto alterado" not in client.get(ARTICLE_URL).content.decode()
    # Copying the page with "publish copies".
    client.post(
        f"/admin/pages/{article.pk}/copy/",
        {
            "new_title": "Cópia",
            "new_slug": "copia",
            "new_parent_page": str(section.pk),
            "copy_subpages": "",
            "publish_copies": "on",
        },
    )
    copy = KnowledgeArticlePage.objects.filter(slug="copia").first()
    assert copy is None or not copy.live


@pytest.mark.django_db
def test_approval_publishes_and_emails_the_author_once_with_the_comment(
    client_for, staff_user, coordinator_user, section
):
    article = submit_new_article(client_for(staff_user), section, staff_user)
    mail.outbox.clear()
    response = review(client_for(coordinator_user), article, "approve", "Muito claro, obrigada.")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert "Vá às Finanças" in client_for(staff_user).get(ARTICLE_URL).content.decode()
    to_author = [m for m in mail.outbox if staff_user.email in m.to]
    assert len(to_author) == 1  # ours only: Wagtail's own approval email is replaced
    assert to_author[0].subject == "Aprovado e publicado: Como pedir o NIF"
    assert "Muito claro, obrigada." in to_author[0].body
    assert "Marta Gonçalves" in to_author[0].body
    assert "http://testserver/knowledge-base/imigracao/como-pedir-o-nif/" in to_author[0].body


@pytest.mark.django_db
def test_request_changes_emails_the_author_with_the_comment(
    client_for, staff_user, coordinator_user, section
):
    article = submit_new_article(client_for(staff_user), section, staff_user)
    mail.outbox.clear()
    review(client_for(coordinator_user), article, "reject", "Falta indicar o prazo.")
    article.refresh_from_db()
    assert not article.live
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_author = [m for m in mail.outbox if staff_user.email in m.to]
    assert len(to_author) == 1
    assert to_author[0].subject == "Pedido de alterações: Como pedir o NIF"
    assert "Falta indicar o prazo." in to_author[0].body
    assert f"http://testserver/admin/pages/{article.pk}/edit/" in to_author[0].body


@pytest.mark.django_db
def test_email_follows_the_authors_language(client_for, staff_user, coordinator_user, section):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    article = submit_new_article(client_for(staff_user), section, staff_user)
    mail.outbox.clear()
    review(client_for(coordinator_user), article, "reject", "Missing deadline.")
    (email,) = [m for m in mail.outbox if staff_user.email in m.to]
    assert email.subject == "Changes requested: Como pedir o NIF"


@pytest.mark.django_db
def test_an_edit_to_a_live_article_needs_approval_again(
    client_for, staff_user, coordinator_user, section
):
    staff = client_for(staff_user)
    article = submit_new_article(staff, section, staff_user)
    review(client_for(coordinator_user), article, "approve", "")
    staff = client_for(staff_user)
    staff.post(
        f"/admin/pages/{article.pk}/edit/",
        {**article_form(staff_user, text="Agora também online."), "action-submit": "1"},
    )
    # The live version is unchanged while the edit waits for review.
    html = staff.get(ARTICLE_URL).content.decode()
    assert "Vá às Finanças" in html
    assert "Agora também online" not in html
    assert current_task_state(article)
    review(client_for(coordinator_user), article, "approve", "")
    assert "Agora também online" in client_for(staff_user).get(ARTICLE_URL).content.decode()


@pytest.mark.django_db
def test_coordinators_publish_directly(client_for, coordinator_user, section):
    client = client_for(coordinator_user)
    client.post(add_url(section), {**article_form(coordinator_user), "action-publish": "1"})
    article = KnowledgeArticlePage.objects.get(slug="como-pedir-o-nif")
    assert article.live
    assert client.get(ARTICLE_URL).status_code == 200


@pytest.mark.django_db
def test_the_knowledge_base_itself_is_linked_to_the_review_workflow(kb_index):
    assert kb_index.get_workflow().name == "Coordinator review"
    from wagtail.models import WorkflowPage

    assert WorkflowPage.objects.filter(page=kb_index, workflow__name="Coordinator review").exists()
