"""The knowledge base's landing lists (sections, recently updated, most followed) are
cached per role (intranet.knowledge.models.KnowledgeBaseIndexPage.get_context): a change
shows on the next request, and a page hidden from a role never reaches it from the cache."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from intranet.core.roles import COORDINATORS

from .factories import KnowledgeArticlePageFactory, PageFollowFactory


def _landing(client):
    return client.get("/knowledge-base/").content.decode()


def _most_followed(html):
    return html.split('data-testid="kb-most-followed"')[1].split("</section>")[0]


@pytest.mark.django_db
def test_published_and_followed_articles_show_on_the_next_request(client_for, staff_user, section):
    client = client_for(staff_user)
    assert "Arrendamento jovem" not in _landing(client)
    article = KnowledgeArticlePageFactory(parent=section, title="Arrendamento jovem")
    assert "Arrendamento jovem" in _landing(client)
    assert "Arrendamento jovem" not in _most_followed(_landing(client))
    PageFollowFactory(page=article)
    assert "Arrendamento jovem" in _most_followed(_landing(client))
    article.unpublish()
    assert "Arrendamento jovem" not in _landing(client)


@pytest.mark.django_db
def test_a_page_restricted_to_coordinators_never_reaches_staff_from_the_cache(
    client_for, staff_user, coordinator_user, section
):
    article = KnowledgeArticlePageFactory(parent=section, title="Só para coordenação")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=COORDINATORS))
    assert "Só para coordenação" in _landing(client_for(coordinator_user))
    assert "Só para coordenação" not in _landing(client_for(staff_user))
