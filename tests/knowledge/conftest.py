import datetime

from django.utils import timezone

import pytest

from intranet.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeBaseIndexPage,
    KnowledgeSectionPage,
)


@pytest.fixture
def kb_index(db):
    return KnowledgeBaseIndexPage.objects.get()


@pytest.fixture
def section(kb_index):
    section = KnowledgeSectionPage(title="Imigração", slug="imigracao", summary="Procedimentos")
    kb_index.add_child(instance=section)
    section.save_revision().publish()
    return section


@pytest.fixture
def make_article(section):
    """make_article(title, owner=..., live=True, review_in_days=..., tags=[...])"""

    def _make(title, owner=None, live=True, review_in_days=90, tags=(), parent=None, **fields):
        parent = parent or section
        article = KnowledgeArticlePage(
            title=title,
            summary=fields.pop("summary", f"Resumo de {title}"),
            owner=owner,
            review_by=timezone.localdate() + datetime.timedelta(days=review_in_days),
            live=live,
            **fields,
        )
        article.tags.add(*tags)
        parent.add_child(instance=article)
        revision = article.save_revision(user=owner)
        if live:
            revision.publish()
        article.refresh_from_db()
        return article

    return _make


@pytest.fixture
def make_user_factory(db):
    from intranet.core.roles import STAFF
    from tests.conftest import make_user

    def _make(username, group=STAFF, **extra):
        return make_user(username, group, **extra)

    return _make
