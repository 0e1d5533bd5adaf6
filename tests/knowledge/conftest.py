import pytest

from intranet.knowledge.models import KnowledgeBaseIndexPage

from .factories import KnowledgeSectionPageFactory


@pytest.fixture
def kb_index(db):
    return KnowledgeBaseIndexPage.objects.get()


@pytest.fixture
def section(kb_index):
    return KnowledgeSectionPageFactory(title="Imigração", slug="imigracao", summary="Procedimentos")
