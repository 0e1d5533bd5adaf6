"""At a phone's width (360 px) the filter forms must fit: a select listing long office
names (or the knowledge base's long sort labels) used to push the page sideways."""

from wagtail.models import Page

import pytest

from intranet.knowledge.models import KnowledgeBaseIndexPage, KnowledgeSectionPage
from network.models import NetworkDirectoryPage, SupportOfficePage
from tests.browser.pages import log_in
from tests.core.factories import CoordinatorFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("path", ["/training/report/", "/people/", "/knowledge-base/imigracao/"])
def test_filters_fit_a_phone(browser_page, path):
    CoordinatorFactory(username="coordenadora", first_name="Marta", last_name="Gonçalves")
    directory = NetworkDirectoryPage.objects.first() or Page.objects.get(depth=2).add_child(
        instance=NetworkDirectoryPage(title="Diretório", slug="directory")
    )
    directory.add_child(
        instance=SupportOfficePage(
            title="Gabinete de Apoio a Migrantes de Viana do Alentejo e Alcáçovas",
            slug="gabinete-comprido",
            municipality="Viana do Alentejo",
        )
    )
    KnowledgeBaseIndexPage.objects.get().add_child(
        instance=KnowledgeSectionPage(title="Imigração", slug="imigracao")
    )
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, "coordenadora")
    page.goto(page.base_url + path)
    assert page.locator("form select").count()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if path == "/training/report/":
        # The "behind schedule" checkbox sits beside its label, not above it.
        box = page.locator("#behind-filter").bounding_box()
        label = page.locator("label[for=behind-filter]").bounding_box()
        assert box["x"] < label["x"]
        assert label["y"] < box["y"] + box["height"] / 2 < label["y"] + label["height"]
