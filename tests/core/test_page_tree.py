from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from intranet.core.models import ContentPage, HomePage
from intranet.knowledge.models import KnowledgeBaseIndexPage
from intranet.legal.models import LegalUpdateIndexPage
from intranet.people.models import PeopleIndexPage
from network.models import NetworkDirectoryPage, SupportOfficePage
from training.models import TrainingProgrammePage

SECTIONS = {
    TrainingProgrammePage: "/training/",
    LegalUpdateIndexPage: "/legal-updates/",
    PeopleIndexPage: "/people/",
    NetworkDirectoryPage: "/directory/",
    KnowledgeBaseIndexPage: "/knowledge-base/",
}


class PageTreeTests(WagtailPageTestCase):
    """The tree a bare install gets from the data migrations (no demo data loaded)."""

    def test_home_is_the_site_root(self):
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(site.root_page.url, "/")

    def test_sections_exist_at_their_fixed_urls(self):
        for model, url in SECTIONS.items():
            page = model.objects.get()
            self.assertEqual(page.url, url)
            self.assertTrue(page.live)

    def test_home_takes_only_the_sections_and_general_pages(self):
        # The base Page class is "allowed" everywhere but never creatable in the admin.
        creatable = set(HomePage.creatable_subpage_models())
        self.assertEqual(creatable, {*SECTIONS, ContentPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_sections_live_only_under_home_and_once(self):
        home = HomePage.objects.get()
        for model in SECTIONS:
            self.assertAllowedParentPageTypes(model, {HomePage})
            # max_count = 1: the data migration already made the only one.
            self.assertFalse(model.can_create_at(home))

    def test_offices_only_in_the_directory(self):
        self.assertAllowedParentPageTypes(SupportOfficePage, {NetworkDirectoryPage})
        self.assertAllowedSubpageTypes(SupportOfficePage, set())

    def test_content_pages_render_and_edit(self):
        home = HomePage.objects.get()
        page = home.add_child(
            instance=ContentPage(
                title="Guia",
                slug="guia",
                body=[("paragraph", "<p>Olá</p>"), ("heading", {"text": "Passos", "level": "h2"})],
            )
        )
        page.save_revision().publish()
        self.client.force_login(self._superuser())
        self.assertPageIsRenderable(page)
        form_data = nested_form_data(
            {
                "title": "Guia",
                "slug": "guia",
                "summary": "",
                "body": streamfield([("paragraph", rich_text("<p>Olá</p>"))]),
            }
        )
        self.assertPageIsEditable(page, post_data=form_data)
        self.assertPageIsPreviewable(page, post_data=form_data)

    def _superuser(self):
        from django.contrib.auth.models import User

        return User.objects.create_superuser("root", "root@example.org", "x")


def test_every_page_type_says_where_it_may_be_created():
    """HomePage names no feature's pages; the tree stays closed because every page type
    declares its parents (a new one without them would be creatable anywhere)."""
    from wagtail.models import get_page_models

    from intranet.core.models import HomePage

    assert getattr(HomePage, "subpage_types", None) is None
    for model in get_page_models():
        if model._meta.app_label == "wagtailcore":
            continue
        assert model.parent_page_types, f"{model.__name__} has no parent_page_types"


@pytest.mark.django_db
def test_home_accepts_each_section_once_and_content_pages():
    from wagtail.models import Page

    from intranet.core.models import HomePage

    allowed = {m.__name__ for m in HomePage.allowed_subpage_models()}
    assert {
        "TrainingProgrammePage",
        "LegalUpdateIndexPage",
        "PeopleIndexPage",
        "NetworkDirectoryPage",
        "KnowledgeBaseIndexPage",
        "ContentPage",
    } <= allowed
    assert "LegalUpdatePage" not in allowed and "SupportOfficePage" not in allowed
    assert Page.objects.type(HomePage).count() == 1
