"""Role × URL matrix for every training view."""

import pytest

from training import services
from training.models import TopicRequest

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    "/training/",
    "/training/sessions/",
    "/training/sessions/?when=past",
    "/training/sessions/{session}/",
    "/training/progress/",
    "/training/calendar/",
    "/training/requests/",
    "/training/my-sessions.ics",
    "/training/sessions.ics",
    "{module}",
]
COORDINATOR_URLS = [
    "/training/sessions/{session}/attendance/",
    "/training/requests/triage/",
    "/training/requests/{request}/triage/",
    "/training/report/",
    "/training/report.csv",
]


@pytest.fixture
def urls(module, session, staff_user):
    topic_request = TopicRequest.objects.create(requester=staff_user, topic="T", reason="R")
    values = {"session": session.pk, "module": module.url, "request": topic_request.pk}
    return lambda template: template.format(**values)


@pytest.mark.parametrize("role", ["staff", "coordinator", "admin"])
@pytest.mark.parametrize("url", STAFF_URLS)
def test_network_staff_open_training_pages(role_users, client_for, urls, role, url):
    assert client_for(role_users[role]).get(urls(url)).status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "admin"])
@pytest.mark.parametrize("url", COORDINATOR_URLS)
def test_coordinators_open_coordination_pages(role_users, client_for, urls, role, url):
    assert client_for(role_users[role]).get(urls(url)).status_code == 200


@pytest.mark.parametrize("url", COORDINATOR_URLS)
def test_staff_get_403_on_coordination_pages(staff_user, client_for, urls, url):
    assert client_for(staff_user).get(urls(url)).status_code == 403


@pytest.mark.parametrize("url", STAFF_URLS + COORDINATOR_URLS)
def test_partners_see_no_training_at_all(partner_user, client_for, urls, url):
    assert client_for(partner_user).get(urls(url)).status_code == 403


@pytest.mark.parametrize(
    "url", ["/training/sessions/{session}/book/", "/training/modules/{module_id}/self-study/"]
)
def test_partners_cannot_book_or_self_declare(partner_user, client_for, module, session, url):
    response = client_for(partner_user).post(url.format(session=session.pk, module_id=module.pk))
    assert response.status_code == 403
    assert services.ledger_for(partner_user).total == 0


@pytest.mark.parametrize(
    "url", ["/training/", "/training/sessions/", "/training/progress/", "/training/report/"]
)
def test_anonymous_goes_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_sessions_admin_is_for_coordinators(staff_user, coordinator_user, client_for):
    url = "/admin/snippets/training/trainingsession/"
    assert client_for(coordinator_user).get(url).status_code == 200
    assert client_for(staff_user).get(url).status_code in (302, 403)
    assert client_for(coordinator_user).get(url + "add/").status_code == 200
