"""A real Chromium, two people at once: a coordinator marks a colleague as having left
(with the confirmation page), the colleague's open session stops working at once, and
"returned" gives them their access back (with a new log-in). Nobody can mark themselves;
staff see no such buttons."""

import pytest

from tests.browser.pages import Dashboard, LoginPage, ProfilePage, log_in
from tests.core.factories import CoordinatorFactory, StaffFactory
from tests.people.factories import ProfileFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_marks_a_colleague_as_left_and_back(browser_page, chromium_browser):
    CoordinatorFactory(username="marta", first_name="Marta", last_name="Gonçalves")
    ProfileFactory(username="rodrigo", first_name="Rodrigo", last_name="Falcão")

    # Rodrigo is at work, logged in, in his own browser.
    his_context = chromium_browser.new_context()
    his_page = his_context.new_page()
    his_page.set_default_timeout(15_000)
    log_in(his_page, "rodrigo", base_url=browser_page.base_url)

    log_in(browser_page, "marta")
    profile = ProfilePage(browser_page).open("rodrigo")
    assert not profile.has("left-badge")
    confirm = profile.mark_as_left()
    assert "/people/rodrigo/leave/" in browser_page.url
    assert confirm.consequences.count() >= 4
    profile = confirm.cancel()
    assert not profile.has("left-badge"), "cancelling changes nothing"

    profile.mark_as_left().confirm()
    assert browser_page.url.endswith("/people/rodrigo/")
    assert profile.has("left-badge")
    assert profile.has("mark-returned") and not profile.has("mark-left")

    # His session stops working: the next page he opens asks him to log in, and his
    # password no longer lets him in.
    Dashboard(his_page).open()
    assert "/accounts/login/" in his_page.url
    LoginPage(his_page).submit("rodrigo", "test-password-123")
    assert "/accounts/login/" in his_page.url
    assert his_page.locator("[role=alert]").count() == 1

    # "Returned": his login works again; the browser he left logged in needs a new log-in
    # (leaving ended his sessions everywhere).
    profile.mark_as_returned()
    assert not profile.has("left-badge") and profile.has("mark-left")
    Dashboard(his_page).open()
    assert "/accounts/login/" in his_page.url
    log_in(his_page, "rodrigo")
    assert his_page.locator("[data-testid=dashboard]").is_visible()
    his_context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nobody_marks_themselves_and_staff_see_no_such_buttons(browser_page):
    CoordinatorFactory(username="marta", first_name="Marta", last_name="Gonçalves")
    StaffFactory(username="joana", first_name="Joana", last_name="Simões")
    ProfileFactory(username="rodrigo", first_name="Rodrigo", last_name="Falcão")

    log_in(browser_page, "marta")
    own = ProfilePage(browser_page).open("marta")
    assert not own.has("mark-left") and not own.has("mark-returned")
    # Even a hand-made form posted from her own session is refused.
    status = browser_page.evaluate(
        """async () => {
            const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
            const response = await fetch("/people/marta/leave/", {
                method: "POST", headers: {"X-CSRFToken": token}, body: new FormData()});
            return response.status;
        }"""
    )
    assert status == 403

    own.header.log_out()
    log_in(browser_page, "joana")
    other = ProfilePage(browser_page).open("rodrigo")
    assert other.has("profile")
    assert not other.has("mark-left") and not other.has("edit-profile")
