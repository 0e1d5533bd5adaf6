"""A real Chromium: a staff member finds a colleague without typing accents, then fixes
a mistyped phone number on their own profile without losing anything else."""

import pytest

from tests.browser.pages import PeopleFinder, ProfileForm, ProfilePage, log_in
from tests.core.factories import StaffFactory
from tests.people.factories import ProfileFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_find_a_colleague_and_fix_a_bad_phone_number(browser_page):
    ProfileFactory(
        username="joao.simoes",
        first_name="João",
        last_name="Simões",
        job_title="Técnico",
        languages=[("ro", "fluent")],
    )
    ProfileFactory(username="joana.sa", first_name="Joana", last_name="Sá")
    StaffFactory(username="ines", first_name="Inês", last_name="Beirão")
    log_in(browser_page, "ines")

    assert PeopleFinder(browser_page).open().search("joao simoes") == ["João Simões"]

    form = ProfileForm(browser_page).open()
    form.fill(job_title="Técnica de emprego", phone="12 34", bio="Falo com o IEFP.")
    form.save()
    error = form.error("phone")
    assert error.is_visible()
    assert browser_page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert browser_page.input_value("#id_job_title") == "Técnica de emprego"
    assert browser_page.input_value("#id_bio") == "Falo com o IEFP."

    form.fill(phone="266 123 456")
    form.save()
    assert browser_page.url.endswith("/people/ines/")
    assert "+351 266 123 456" in ProfilePage(browser_page).text
