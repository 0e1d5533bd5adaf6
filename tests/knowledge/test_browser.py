"""A real Chromium: a staff member filters a section by tag, opens an article, follows it
and unfollows it from the list of followed pages; the page still works at phone width."""

import pytest

from intranet.knowledge.models import PageFollow
from tests.browser.pages import log_in
from tests.core.factories import StaffFactory

from .factories import KnowledgeArticlePageFactory, KnowledgeSectionPageFactory


class SectionPage:
    def __init__(self, page):
        self.page = page

    def open(self, path):
        self.page.goto(self.page.base_url + path)
        return self

    def filter_by_tag(self, label):
        self.page.select_option("#kb-tag", label=label)
        with self.page.expect_navigation():
            self.page.click("[data-testid=kb-listing-apply]")

    def article_titles(self):
        return self.page.locator("[data-testid=kb-listing] h2").all_inner_texts()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_filter_a_section_then_follow_and_unfollow_an_article(browser_page):
    user = StaffFactory(username="joana", first_name="Joana", last_name="Simões")
    section = KnowledgeSectionPageFactory(title="Educação", slug="educacao")
    for title, tag in [("Matrícula escolar", "crianças"), ("Cursos PLA", "formação")]:
        KnowledgeArticlePageFactory(parent=section, title=title, owner=user, tags=[tag])

    browser_page.set_viewport_size({"width": 360, "height": 800})
    log_in(browser_page, "joana")
    listing = SectionPage(browser_page).open("/knowledge-base/educacao/")
    assert sorted(listing.article_titles()) == ["Cursos PLA", "Matrícula escolar"]
    listing.filter_by_tag("crianças")
    assert listing.article_titles() == ["Matrícula escolar"]

    with browser_page.expect_navigation():
        browser_page.click("text=Matrícula escolar")
    with browser_page.expect_navigation():
        browser_page.click("[data-testid=follow-page]")
    assert browser_page.locator("[data-testid=unfollow-page]").is_visible()
    assert PageFollow.objects.filter(user=user, page__title="Matrícula escolar").exists()
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360

    browser_page.goto(browser_page.base_url + "/knowledge-base/following/")
    followed = PageFollow.objects.get(user=user)
    with browser_page.expect_navigation():
        browser_page.click(f"[data-testid=unfollow-{followed.page_id}]")
    assert not PageFollow.objects.filter(user=user).exists()
    assert "Ainda não segue nenhuma página" in browser_page.content()
