"""A real Chromium: a staff member books the last seat, sees it on the dashboard, cancels,
and the person on the waiting list gets the seat; a coordinator reads the report's chart
on a phone."""

from decimal import Decimal

from django.urls import reverse

import pytest

from tests.browser.pages import log_in
from training import services
from training.models import Booking, TopicArea

from .factories import (
    CoordinatorFactory,
    ModuleFactory,
    SelfStudyFactory,
    SessionFactory,
    StaffFactory,
)

PHONE = {"width": 360, "height": 740}


class SessionPage:
    def __init__(self, page, session):
        self.page = page
        self.url = page.base_url + reverse("training:session-detail", args=[session.pk])

    def open(self):
        self.page.goto(self.url)
        return self

    def click(self, testid):
        with self.page.expect_navigation():
            self.page.click(f"[data-testid={testid}]")

    @property
    def status(self):
        return self.page.locator("[data-testid=booking-status]").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_book_see_on_dashboard_cancel_and_waiting_list_moves_up(browser_page):
    joana = StaffFactory(first_name="Joana", last_name="Simões")
    waiting = StaffFactory(first_name="Rui", last_name="Costa")
    module = ModuleFactory(
        title="Comunicação intercultural",
        topic_area=TopicArea.INTERCULTURAL,
        face_to_face_hours=Decimal("3"),
        self_study_hours=Decimal("1"),
    )
    session = SessionFactory(module=module, days=5, capacity=1)

    log_in(browser_page, joana.username)
    page = SessionPage(browser_page, session).open()
    page.click("book-session")
    assert page.status == "Tem lugar reservado nesta sessão."

    services.book_session(waiting, session.pk)  # the session is now full: Rui waits

    browser_page.goto(browser_page.base_url + "/")
    panel = browser_page.locator("[data-testid=panel-training-progress]")
    assert "Comunicação intercultural" in panel.inner_text()
    assert "0 de 60 horas" in panel.inner_text()

    page.open()
    page.click("cancel-booking")
    assert "A sua reserva foi cancelada." in browser_page.locator(".messages").inner_text()
    assert Booking.objects.get(user=waiting, session=session).status == "booked"
    assert Booking.objects.get(user=joana, session=session).status == "cancelled"
    assert (
        browser_page.locator("[data-testid=book-session]").inner_text()
        == "Juntar-me à lista de espera"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_report_chart_is_readable_on_a_phone(browser_page):
    module = ModuleFactory(self_study_hours=Decimal("20"))
    for name, hours in [("Maria João Fernandes", 20), ("Filipe Caldeirão", 5), ("Ana", 0)]:
        first, last = name.rsplit(" ", 1) if " " in name else (name, "")
        person = StaffFactory(first_name=first, last_name=last)
        if hours:
            SelfStudyFactory(user=person, module=module, hours=Decimal(hours))
    coordinator = CoordinatorFactory()
    browser_page.set_viewport_size(PHONE)
    log_in(browser_page, coordinator.username)
    browser_page.goto(browser_page.base_url + reverse("training:report"))
    chart = browser_page.locator("[data-testid=report-chart] svg")
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page_width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"], "the report must not scroll sideways on a phone"
    labels = browser_page.locator("[data-testid=report-chart] .report-chart__label")
    assert labels.count() == 4
    for index in range(labels.count()):
        label = labels.nth(index).bounding_box()
        assert label["height"] >= 10, "chart labels must stay legible at 360 px"
        assert label["x"] + label["width"] <= PHONE["width"]
    assert "Maria João Fernandes · 20 h" in labels.all_text_contents()
    assert browser_page.locator("[data-testid=report-chart] .report-chart__target").count() == 1
