import pytest

from tests.people.factories import ProfileFactory

# (url, method) for every view; {u} is another staff member's username.
VIEWS = [
    ("/people/", "get"),
    ("/people/{u}/", "get"),
    ("/people/{u}.vcf", "get"),
    ("/people/me/edit/", "get"),
    ("/people/me/data.json", "get"),
]
COORDINATOR_ONLY = [
    ("/people/export.csv", "get"),
    ("/people/{u}/edit/", "get"),
    ("/people/{u}/leave/", "post"),
    ("/people/{u}/return/", "post"),
]


@pytest.fixture
def colleague(db):
    return ProfileFactory(username="colega", first_name="Carla", last_name="Colega")


def _status(client, url, method, colleague):
    response = getattr(client, method)(url.format(u=colleague.user.username))
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("url,method", VIEWS)
def test_staff_views_by_role(client_for, role_users, colleague, url, method):
    for role, expected in [("staff", 200), ("coordinator", 200), ("admin", 200), ("partner", 403)]:
        client = client_for(role_users[role])
        assert _status(client, url, method, colleague) == expected, role


@pytest.mark.django_db
@pytest.mark.parametrize("url,method", COORDINATOR_ONLY)
def test_coordinator_views_by_role(client_for, role_users, colleague, url, method):
    for role, allowed in [
        ("staff", False),
        ("coordinator", True),
        ("admin", True),
        ("partner", False),
    ]:
        client = client_for(role_users[role])
        status = _status(client, url, method, colleague)
        if allowed:
            assert status in (200, 302), role
        else:
            assert status == 403, role


@pytest.mark.django_db
@pytest.mark.parametrize("url,method", VIEWS + COORDINATOR_ONLY)
def test_anonymous_is_sent_to_login(client, colleague, url, method):
    response = getattr(client, method)(url.format(u=colleague.user.username))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_cannot_edit_someone_else_even_by_posting(client_for, staff_user, colleague):
    client = client_for(staff_user)
    response = client.post(
        f"/people/{colleague.user.username}/edit/",
        {"job_title": "Alterado", "languages-TOTAL_FORMS": "0", "languages-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.job_title == ""


@pytest.mark.django_db
def test_edit_link_shown_only_to_those_who_may_edit(
    client_for, staff_user, coordinator_user, colleague
):
    url = f"/people/{colleague.user.username}/"
    assert 'data-testid="edit-profile"' not in client_for(staff_user).get(url).content.decode()
    assert 'data-testid="mark-left"' not in client_for(staff_user).get(url).content.decode()
    content = client_for(coordinator_user).get(url).content.decode()
    assert 'data-testid="edit-profile"' in content
    assert 'data-testid="mark-left"' in content
    own = client_for(staff_user).get(f"/people/{staff_user.username}/").content.decode()
    assert 'data-testid="edit-profile"' in own


@pytest.mark.django_db
def test_own_edit_url_under_username_redirects_to_me(client_for, staff_user):
    response = client_for(staff_user).get(f"/people/{staff_user.username}/edit/")
    assert response.status_code == 302
    assert response["Location"] == "/people/me/edit/"


@pytest.mark.django_db
def test_unknown_person_is_404(client_for, staff_user):
    assert client_for(staff_user).get("/people/ninguem/").status_code == 404
