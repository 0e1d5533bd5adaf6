"""A real Chromium: a staff member finds a colleague without typing accents, then fixes
a mistyped phone number on their own profile without losing anything else."""

import pytest

from tests.conftest import PASSWORD, make_user

from .conftest import make_person


class PeopleFinder:
    def __init__(self, page):
        self.page = page

    def open(self):
        self.page.goto(self.page.base_url + "/people/")
        return self

    def search(self, text):
        self.page.fill("#id_q", text)
        with self.page.expect_navigation():
            self.page.click("[data-testid=finder-submit]")
        return [name.inner_text() for name in self.page.locator(".person-card__name a").all()]


class ProfileForm:
    def __init__(self, page):
        self.page = page

    def open(self):
        self.page.goto(self.page.base_url + "/people/me/edit/")
        return self

    def fill(self, **values):
        for field, value in values.items():
            self.page.fill(f"#id_{field}", value)

    def save(self):
        with self.page.expect_navigation():
            self.page.click("[data-testid=profile-save]")


def log_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("[data-testid=login-submit]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_find_a_colleague_and_fix_a_bad_phone_number(browser_page):
    make_person("joao.simoes", "João", "Simões", job_title="Técnico", languages=[("ro", "fluent")])
    make_person("joana.sa", "Joana", "Sá")
    make_user("ines", "Staff", first_name="Inês", last_name="Beirão")
    log_in(browser_page, "ines")

    assert PeopleFinder(browser_page).open().search("joao simoes") == ["João Simões"]

    form = ProfileForm(browser_page).open()
    form.fill(job_title="Técnica de emprego", phone="12 34", bio="Falo com o IEFP.")
    form.save()
    error = browser_page.locator("#id_phone_error")
    assert error.is_visible()
    assert "número" in error.inner_text()
    assert browser_page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert browser_page.input_value("#id_job_title") == "Técnica de emprego"
    assert browser_page.input_value("#id_bio") == "Falo com o IEFP."

    form.fill(phone="266 123 456")
    form.save()
    assert browser_page.url.endswith("/people/ines/")
    assert "+351 266 123 456" in browser_page.locator("[data-testid=profile]").inner_text()
