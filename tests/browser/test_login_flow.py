"""A real Chromium: log in as staff, see the dashboard in Portuguese, switch to English,
log out."""

import pytest

from tests.browser.pages import LoginPage, log_in
from tests.core.factories import StaffFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_logs_in_sees_portuguese_switches_to_english_and_logs_out(browser_page):
    StaffFactory(username="joana", first_name="Joana", last_name="Simões")
    dashboard = LoginPage(browser_page).open().log_in("joana")

    assert dashboard.heading == "Olá, Joana"
    assert browser_page.locator("html").get_attribute("lang") == "pt-pt"
    assert browser_page.locator("[data-testid=dashboard]").is_visible()

    dashboard.header.switch_language("en")
    assert dashboard.heading == "Hello, Joana"
    assert browser_page.locator("html").get_attribute("lang") == "en"

    dashboard.header.log_out()
    assert browser_page.url.endswith("/accounts/logout/")
    assert browser_page.locator("h1").inner_text() == "You have logged out"
    browser_page.goto(browser_page.base_url + "/")
    assert "/accounts/login/" in browser_page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dashboard_passes_an_accessibility_scan_on_a_phone(chromium_browser, live_server):
    from axe_playwright_python.sync_playwright import Axe

    StaffFactory(username="joana", first_name="Joana", last_name="Simões")
    context = chromium_browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    dashboard = log_in(page, "joana", base_url=live_server.url)
    assert page.url == live_server.url + "/"
    results = Axe().run(page)
    violations = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert violations == []
    # Nothing wider than the phone's screen.
    assert dashboard.fits(360)
    context.close()
