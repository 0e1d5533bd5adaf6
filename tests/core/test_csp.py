"""Content-Security-Policy: a strict header on every page of the intranet, the admin's
relaxations only under /admin/, a report-only switch, and no page with inline script or
style that the strict policy would block."""

import subprocess
import sys
from html.parser import HTMLParser

from django.test import Client

from wagtail.models import Page

import pytest

from tests.test_url_permissions import ROUTES, objects  # noqa: F401

HEADER = "Content-Security-Policy"


class InlineCode(HTMLParser):
    """Collects what a strict CSP blocks: inline <script>, <style>, style= and on…= attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        if "style" in attrs:
            self.found.append(f"style= on <{tag}>")
        self.found.extend(f"{name}= on <{tag}>" for name in attrs if name.startswith("on"))


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def directives(header: str) -> dict[str, set[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: set(p[1:]) for p in parts}


def _html_pages(objects):  # noqa: F811
    urls = [
        route.url(objects)
        for key, route in sorted(ROUTES.items())
        if route.method == "get" and key != "password_reset_confirm"
    ]
    urls += [page.url for page in Page.objects.live().specific() if page.url]
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "partner", "staff", "coordinator"])
def test_every_page_has_a_strict_policy_and_no_inline_code(objects, role_users, role):  # noqa: F811
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(role_users[role])
    checked, failures = 0, []
    for url in _html_pages(objects):
        response = client.get(url, follow=True)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        checked += 1
        policy = directives(response.get(HEADER, ""))
        if policy.get("default-src") != {"'self'"} or policy.get("script-src") != {"'self'"}:
            failures.append(f"{url}: policy {response.get(HEADER)!r}")
        if policy.get("style-src") != {"'self'"}:
            failures.append(f"{url}: style-src {policy.get('style-src')}")
        body = b"".join(response) if response.streaming else response.content
        failures.extend(f"{url}: {what}" for what in inline_code(body.decode()))
    assert checked > 10
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_error_and_account_pages_too(client, staff_user):
    for url in ["/accounts/login/", "/accounts/password_reset/", "/no-such-page/"]:
        response = client.get(url)
        assert directives(response[HEADER])["script-src"] == {"'self'"}, url
        assert not inline_code(response.content.decode()), url


@pytest.mark.django_db
def test_the_admin_gets_only_its_relaxations(client_for, coordinator_user):
    response = client_for(coordinator_user).get("/admin/")
    assert response.status_code == 200
    policy = directives(response[HEADER])
    assert policy["script-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["default-src"] == {"'self'"}
    assert "'unsafe-inline'" in policy["style-src"]
    assert "data:" in policy["img-src"]
    assert policy["object-src"] == {"'none'"}


@pytest.mark.django_db
def test_report_only_switch(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/accounts/login/")
    assert HEADER not in response
    assert directives(response[f"{HEADER}-Report-Only"])["default-src"] == {"'self'"}


def test_report_only_is_read_from_the_environment():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'intranet.settings.test'; "
        "from django.conf import settings; "
        "ro = settings.CONTENT_SECURITY_POLICY_REPORT_ONLY; "
        "print(settings.CONTENT_SECURITY_POLICY, bool(ro))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"CSP_REPORT_ONLY": "true", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["None", "True"]


def test_the_inline_code_finder_finds_it():
    html = '<p style="width:3%">x</p><script>alert(1)</script><a onclick="x()">a</a>'
    assert inline_code(html) == ["style= on <p>", "inline <script>", "onclick= on <a>"]
    assert inline_code('<script src="/static/x.js"></script><p class="a">') == []
