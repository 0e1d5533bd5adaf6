"""A real Chromium: a staff member opens a must-read update from the dashboard,
acknowledges it with one click, and it leaves the dashboard panel."""

import datetime

from django.utils import timezone

import pytest

from intranet.legal.models import Acknowledgement
from tests.browser.pages import log_in
from tests.core.factories import StaffFactory

from .factories import MustReadUpdateFactory


class LegalUpdateReader:
    def __init__(self, page):
        self.page = page

    def log_in(self, username):
        log_in(self.page, username)
        return self

    @property
    def panel(self):
        return self.page.locator("[data-testid=panel-legal-must-read]")

    def open_from_panel(self, title):
        with self.page.expect_navigation():
            self.panel.get_by_role("link", name=title).click()

    def acknowledge(self):
        with self.page.expect_navigation():
            self.page.click("[data-testid=acknowledge]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_acknowledges_a_must_read_update(browser_page):
    user = StaffFactory(username="joana", first_name="Joana")
    update = MustReadUpdateFactory(
        title="Fim da manifestação de interesse",
        summary="Deixa de ser possível pedir residência assim.",
        acknowledge_by=timezone.localdate() - datetime.timedelta(days=2),
    )

    reader = LegalUpdateReader(browser_page).log_in("joana")
    assert reader.panel.locator("[data-testid=overdue]").count() == 1
    reader.open_from_panel("Fim da manifestação de interesse")
    assert browser_page.locator("h1").inner_text() == "Fim da manifestação de interesse"
    reader.acknowledge()
    assert browser_page.locator("[data-testid=acknowledged]").is_visible()
    assert (
        "confirmação de leitura ficou registada" in browser_page.locator(".messages").inner_text()
    )
    assert Acknowledgement.objects.filter(user=user, page=update).count() == 1

    browser_page.goto(browser_page.base_url + "/")
    assert "Está em dia" in reader.panel.inner_text()
