"""Writing without the admin maze: "New article" on a section, "Edit this page" where the
person may edit, owners chosen by name, and a knowledge landing page worth opening."""

import re

from django.urls import reverse

import pytest

from .factories import KnowledgeArticlePageFactory, PageFollowFactory


def add_article_url(section):
    return reverse("wagtailadmin_pages:add", args=["knowledge", "knowledgearticlepage", section.pk])


@pytest.mark.django_db
def test_staff_get_new_article_on_a_section_and_it_opens_the_editor_there(
    client_for, staff_user, section
):
    client = client_for(staff_user)
    html = client.get(section.url).content.decode()
    assert f'href="{add_article_url(section)}"' in html
    assert 'data-testid="page-add"' in html
    editor = client.get(add_article_url(section))
    assert editor.status_code == 200
    # The owner is chosen by the person's name, not their login.
    assert re.search(
        rf'<option value="{staff_user.pk}" selected>\s*Joana Simões', editor.content.decode()
    )


@pytest.mark.django_db
def test_edit_this_page_leads_to_the_editor_of_that_page(client_for, staff_user, section):
    article = KnowledgeArticlePageFactory(parent=section, title="Como pedir o NIF")
    client = client_for(staff_user)
    html = client.get(article.url).content.decode()
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert f'href="{edit_url}"' in html
    assert client.get(edit_url).status_code == 200


@pytest.mark.django_db
def test_no_edit_or_new_buttons_without_the_permission(client_for, partner_user, role_users):
    from network.models import NetworkDirectoryPage

    directory = NetworkDirectoryPage.objects.get()
    html = client_for(partner_user).get(directory.url).content.decode()
    assert 'data-testid="page-actions"' not in html
    assert "/admin/pages/" not in html


@pytest.mark.django_db
def test_edit_this_page_only_where_wagtail_lets_the_person_edit(
    client_for, staff_user, coordinator_user
):
    from tests.core.factories import ContentPageFactory

    # Staff may write in the knowledge base and legal updates, not the network's own pages.
    page = ContentPageFactory(title="Sobre a rede")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert edit_url not in client_for(staff_user).get(page.url).content.decode()
    assert client_for(staff_user).get(edit_url).status_code in (302, 403)
    assert edit_url in client_for(coordinator_user).get(page.url).content.decode()


@pytest.mark.django_db
def test_knowledge_landing_page_searches_and_lists_recent_and_most_followed(
    client_for, staff_user, kb_index, section
):
    nif = KnowledgeArticlePageFactory(parent=section, title="Como pedir o NIF", slug="nif")
    KnowledgeArticlePageFactory(parent=section, title="Matrícula escolar", slug="escola")
    for _ in range(3):
        PageFollowFactory(page=nif)
    client = client_for(staff_user)
    html = client.get(kb_index.url).content.decode()
    recent = html[html.index('data-testid="kb-recent"') :]
    assert "Como pedir o NIF" in recent and "Matrícula escolar" in recent
    followed = html[html.index('data-testid="kb-most-followed"') :]
    followed = followed[: followed.index("</section>")]
    assert "Como pedir o NIF" in followed and "Matrícula escolar" not in followed
    assert "3 " in followed
    results = client.get(kb_index.url, {"q": "NIF"}).content.decode()
    found = results[results.index('data-testid="kb-results"') :]
    found = found[: found.index("</section>")]
    assert "Como pedir o NIF" in found and "Matrícula escolar" not in found
