import pytest

from intranet.legal.models import LegalUpdateIndexPage


@pytest.fixture
def legal_index(db):
    return LegalUpdateIndexPage.objects.get()
