"""A real Chromium: a staff member books the last seat, sees it on the dashboard, cancels,
and the person on the waiting list gets the seat."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from tests.browser.pages import log_in
from tests.conftest import make_user
from training import services
from training.models import (
    Booking,
    TopicArea,
    TrainingModulePage,
    TrainingProgrammePage,
    TrainingSession,
)


class SessionPage:
    def __init__(self, page, session):
        self.page = page
        self.url = f"{page.base_url}/training/sessions/{session.pk}/"

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
    joana = make_user("joana", "Staff", first_name="Joana", last_name="Simões")
    waiting = make_user("rui", "Staff", first_name="Rui", last_name="Costa")
    programme = TrainingProgrammePage.objects.get(slug="training")
    module = TrainingModulePage(
        title="Comunicação intercultural",
        slug="comunicacao",
        topic_area=TopicArea.INTERCULTURAL,
        face_to_face_hours=Decimal("3"),
        self_study_hours=Decimal("1"),
    )
    programme.add_child(instance=module)
    module.save_revision().publish()
    start = timezone.now() + timedelta(days=5)
    session = TrainingSession.objects.create(
        module=module,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        trainer="Samuel",
        capacity=1,
    )

    log_in(browser_page, "joana")
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
