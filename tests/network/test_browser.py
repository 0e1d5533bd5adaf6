"""A real Chromium at phone width: the partner logs in, lands on the directory, filters it,
opens a provider and never sees its referral note."""

import pytest

from tests.conftest import PASSWORD, make_user

from .conftest import SECRET, add_office, add_provider


class DirectoryPage:
    def __init__(self, page):
        self.page = page

    def filter(self, **choices):
        for name, value in choices.items():
            self.page.select_option(f"#id_{name}", value)
        with self.page.expect_navigation():
            self.page.click("[data-testid=directory-filter-submit]")

    def provider_names(self):
        return self.page.locator("[data-testid=provider-card] h3").all_inner_texts()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_partner_filters_the_directory_on_a_phone(browser_page):
    make_user("rui", "Partners", first_name="Rui", last_name="Valadas")
    add_office("gabinete-cuba", "Gabinete de Apoio de Cuba", municipality="Cuba")
    add_provider("cs-cuba", "Centro de Saúde de Cuba", municipality="Cuba", referral_note=SECRET)
    add_provider("ss-evora", "Segurança Social — Évora", category="social-security")

    page = browser_page
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "rui")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("[data-testid=login-submit]")
    page.wait_for_url("**/directory/")

    directory = DirectoryPage(page)
    assert set(directory.provider_names()) == {
        "Centro de Saúde de Cuba",
        "Segurança Social — Évora",
    }
    directory.filter(municipality="Cuba")
    assert "municipality=Cuba" in page.url
    assert directory.provider_names() == ["Centro de Saúde de Cuba"]
    # No horizontal scrolling at 360 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    with page.expect_navigation():
        page.click("text=Centro de Saúde de Cuba")
    assert page.url.endswith("/directory/services/cs-cuba/")
    assert SECRET not in page.content()
