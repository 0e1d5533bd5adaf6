"""Role × URL matrix for every training view."""

from django.urls import reverse

import pytest

from intranet.core.sections import section_url
from training import services

from .factories import TopicRequestFactory

pytestmark = pytest.mark.django_db

# (URL name, argument name or None, query string)
STAFF_URLS = [
    ("programme", None, ""),
    ("training:session-list", None, ""),
    ("training:session-list", None, "?when=past"),
    ("training:session-detail", "session", ""),
    ("training:progress", None, ""),
    ("training:calendar", None, ""),
    ("training:request-list", None, ""),
    ("training:my-sessions-ics", None, ""),
    ("training:sessions-ics", None, ""),
    ("module", None, ""),
]
COORDINATOR_URLS = [
    ("training:attendance", "session", ""),
    ("training:request-triage-list", None, ""),
    ("training:request-triage", "request", ""),
    ("training:report", None, ""),
    ("training:report-csv", None, ""),
]


@pytest.fixture
def urls(module, session, staff_user):
    values = {"session": session.pk, "request": TopicRequestFactory(requester=staff_user).pk}

    def url(entry):
        name, argument, query = entry
        if name == "programme":
            return section_url("training.TrainingProgrammePage")
        if name == "module":
            return module.url
        return reverse(name, args=[values[argument]] if argument else []) + query

    return url


@pytest.mark.parametrize("role", ["staff", "coordinator", "admin"])
@pytest.mark.parametrize("entry", STAFF_URLS)
def test_network_staff_open_training_pages(role_users, client_for, urls, role, entry):
    assert client_for(role_users[role]).get(urls(entry)).status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "admin"])
@pytest.mark.parametrize("entry", COORDINATOR_URLS)
def test_coordinators_open_coordination_pages(role_users, client_for, urls, role, entry):
    assert client_for(role_users[role]).get(urls(entry)).status_code == 200


@pytest.mark.parametrize("entry", COORDINATOR_URLS)
def test_staff_get_403_on_coordination_pages(staff_user, client_for, urls, entry):
    assert client_for(staff_user).get(urls(entry)).status_code == 403


@pytest.mark.parametrize("entry", STAFF_URLS + COORDINATOR_URLS)
def test_partners_see_no_training_at_all(partner_user, client_for, urls, entry):
    assert client_for(partner_user).get(urls(entry)).status_code == 403


@pytest.mark.parametrize("name", ["training:session-book", "training:self-study"])
def test_partners_cannot_book_or_self_declare(partner_user, client_for, module, session, name):
    target = session.pk if name == "training:session-book" else module.pk
    response = client_for(partner_user).post(reverse(name, args=[target]))
    assert response.status_code == 403
    assert services.ledger_for(partner_user).total == 0


@pytest.mark.parametrize(
    "url",
    [
        "programme",
        reverse("training:session-list"),
        reverse("training:progress"),
        reverse("training:report"),
    ],
)
def test_anonymous_goes_to_login(client, programme, url):
    if url == "programme":
        url = programme.url
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_sessions_admin_is_for_coordinators(staff_user, coordinator_user, client_for):
    url = reverse("wagtailsnippets_training_trainingsession:list")
    assert client_for(coordinator_user).get(url).status_code == 200
    assert client_for(staff_user).get(url).status_code in (302, 403)
    add = reverse("wagtailsnippets_training_trainingsession:add")
    assert client_for(coordinator_user).get(add).status_code == 200
