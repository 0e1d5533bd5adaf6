"""The load-test scenario (run by bench/loadtest/run.py, `make loadtest`).

Every role logs in through the real login form and does what it does on a working day:
staff browse, search, book and cancel training sessions, acknowledge legal updates, save
their profile and log enquiries; coordinators read the reports; partners browse and search the
directory; administrators look around. The accounts come from the demo data, listed by the
runner in LOADTEST_ACCOUNTS (JSON: {"staff": [...], "coordinator": [...], ...}).
"""

import json
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, task

ACCOUNTS = json.loads(os.environ.get("LOADTEST_ACCOUNTS", "{}"))
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "sem-fronteiras-demo")
WORDS = ["AIMA", "saúde", 'Lei "23/2007"', "habitação", "escola", "Évora", "NIF", "formação"]
SESSION_LINK = re.compile(r'href="/training/sessions/(\d+)/"')
UPDATE_LINK = re.compile(r'href="(/legal-updates/[\w-]+/)"')


class FormReader(HTMLParser):
    """The fields of the page's own POST <form> (the first without an ``action``: the
    header's log-out form has one), with the values as shown; a required select (no blank
    choice) or a radio group with nothing chosen gets its first choice, as a hurried
    person would."""

    def __init__(self):
        super().__init__()
        self.fields, self._in_form, self._select, self._textarea = [], False, None, None
        self._done = False
        self._first_option, self._radios = None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._in_form = not self._done and not attrs.get("action")
        if not self._in_form or (tag != "option" and not attrs.get("name")):
            return
        if tag == "input" and attrs.get("type") not in {"submit", "file", "button"}:
            if attrs.get("type") == "radio":
                self._radios.setdefault(attrs["name"], attrs.get("value", ""))
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if attrs.get("type") == "radio":
                self._radios[attrs["name"]] = None  # chosen already
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self._select, self._first_option = attrs["name"], None
            self._chosen = self._has_blank = False
        elif tag == "option" and self._select:
            if not attrs.get("value"):
                self._has_blank = True
            elif self._first_option is None:
                self._first_option = attrs["value"]
            if "selected" in attrs:
                self._chosen = True
                self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields.append((self._textarea, ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
            self.fields += [(name, value) for name, value in self._radios.items() if value]
            self._radios = {}
        elif tag == "select" and self._select:
            if not self._chosen and not self._has_blank and self._first_option is not None:
                self.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str) -> list[tuple[str, str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.fields


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


class IntranetUser(HttpUser):
    abstract = True
    role = "staff"
    wait_time = between(1, 3)

    def on_start(self):
        self.username = random.choice(ACCOUNTS[self.role])
        page = self.client.get("/accounts/login/", name="login form")
        response = self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf_token(page.text),
            },
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            response.failure(f"login as {self.username} answered {response.status_code}")

    def post_form(self, url, data, name):
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(
            url,
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Referer": self.host + url},
            name=name,
            allow_redirects=False,
        )

    def search(self):
        self.client.get("/search/", params={"q": random.choice(WORDS)}, name="/search/?q=")


class StaffUser(IntranetUser):
    role = "staff"
    weight = 6

    @task(4)
    def browse(self):
        for url in ["/", "/training/", "/legal-updates/", "/knowledge-base/", "/people/"]:
            self.client.get(url)

    @task(2)
    def search_site(self):
        self.search()

    @task(2)
    def book_and_cancel(self):
        listing = self.client.get("/training/sessions/", name="/training/sessions/")
        ids = SESSION_LINK.findall(listing.text)
        if not ids:
            return
        pk = random.choice(ids)
        self.client.get(f"/training/sessions/{pk}/", name="/training/sessions/[id]/")
        booked = self.post_form(f"/training/sessions/{pk}/book/", {}, "book")
        if booked.status_code != 302:
            booked.failure(f"booking answered {booked.status_code}")
        cancelled = self.post_form(f"/training/sessions/{pk}/cancel/", {}, "cancel")
        if cancelled.status_code != 302:
            cancelled.failure(f"cancelling answered {cancelled.status_code}")

    @task(1)
    def acknowledge(self):
        index = self.client.get("/legal-updates/")
        links = UPDATE_LINK.findall(index.text)
        if not links:
            return
        page = self.client.get(random.choice(links), name="/legal-updates/[update]/")
        match = re.search(r'action="(/legal-updates/\d+/acknowledge/)"', page.text)
        if match:
            response = self.post_form(match.group(1), {}, "acknowledge")
            if response.status_code != 302:
                response.failure(f"acknowledging answered {response.status_code}")

    @task(1)
    def edit_profile(self):
        page = self.client.get("/people/me/edit/")
        fields = dict(form_fields(page.text))
        fields.pop("csrfmiddlewaretoken", None)
        response = self.post_form("/people/me/edit/", fields, "save profile")
        if response.status_code != 302:
            response.failure(f"saving the profile answered {response.status_code}")

    @task(1)
    def log_an_enquiry(self):
        page = self.client.get("/enquiries/new/")
        if page.status_code != 200:
            return
        fields = dict(form_fields(page.text))
        fields.pop("csrfmiddlewaretoken", None)
        response = self.post_form("/enquiries/new/", fields, "log an enquiry")
        if response.status_code != 302:
            response.failure(f"logging an enquiry answered {response.status_code}")


class CoordinatorUser(IntranetUser):
    role = "coordinator"
    weight = 2

    @task(3)
    def browse(self):
        for url in ["/", "/training/", "/people/", "/directory/"]:
            self.client.get(url)

    @task(2)
    def reports(self):
        for url in ["/training/report/", "/legal-updates/report/", "/training/requests/triage/"]:
            self.client.get(url)

    @task(1)
    def search_site(self):
        self.search()


class PartnerUser(IntranetUser):
    role = "partner"
    weight = 2

    @task(3)
    def browse(self):
        self.client.get("/", name="/ (to the directory)")
        self.client.get("/directory/")
        self.client.get("/directory/partners/")

    @task(2)
    def search_directory(self):
        self.client.get("/directory/", params={"q": random.choice(WORDS)}, name="/directory/?q=")
        self.search()


class AdminUser(IntranetUser):
    role = "admin"
    weight = 1

    @task
    def browse(self):
        for url in ["/", "/admin/", "/accounts/lockouts/", "/people/"]:
            self.client.get(url)
