"""A real Chromium: log in as staff, see the dashboard in Portuguese, switch to English,
log out."""

import pytest

from tests.conftest import PASSWORD, make_user


class LoginPage:
    def __init__(self, page):
        self.page = page

    def open(self):
        self.page.goto(self.page.base_url + "/accounts/login/")
        return self

    def log_in(self, username, password):
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation():
            self.page.click("[data-testid=login-submit]")
        return DashboardPage(self.page)


class DashboardPage:
    def __init__(self, page):
        self.page = page

    @property
    def heading(self):
        return self.page.locator("h1").inner_text()

    def switch_language(self, code):
        with self.page.expect_navigation():
            self.page.click(f"[data-testid=language-{code}]")

    def log_out(self):
        self.page.click("[data-testid=user-menu] summary")
        with self.page.expect_navigation():
            self.page.click("[data-testid=logout]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_logs_in_sees_portuguese_switches_to_english_and_logs_out(browser_page):
    make_user("joana", "Staff", first_name="Joana", last_name="Simões")
    dashboard = LoginPage(browser_page).open().log_in("joana", PASSWORD)

    assert dashboard.heading == "Olá, Joana"
    assert browser_page.locator("html").get_attribute("lang") == "pt-pt"
    assert browser_page.locator("[data-testid=dashboard]").is_visible()

    dashboard.switch_language("en")
    assert dashboard.heading == "Hello, Joana"
    assert browser_page.locator("html").get_attribute("lang") == "en"

    dashboard.log_out()
    assert browser_page.url.endswith("/accounts/logout/")
    assert browser_page.locator("h1").inner_text() == "You have logged out"
    browser_page.goto(browser_page.base_url + "/")
    assert "/accounts/login/" in browser_page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dashboard_passes_an_accessibility_scan_on_a_phone(chromium_browser, live_server):
    from axe_playwright_python.sync_playwright import Axe

    make_user("joana", "Staff", first_name="Joana", last_name="Simões")
    context = chromium_browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "joana")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("[data-testid=login-submit]")
    assert page.url == live_server.url + "/"
    results = Axe().run(page)
    violations = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert violations == []
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
