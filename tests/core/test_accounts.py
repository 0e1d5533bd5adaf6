import re

from django.core import mail

import pytest

from tests.core.factories import PASSWORD


@pytest.mark.django_db
def test_login_then_logout(client, staff_user):
    response = client.post(
        "/accounts/login/", {"username": staff_user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert 'data-testid="dashboard"' in response.content.decode()

    response = client.post("/accounts/logout/", follow=True)
    assert 'data-testid="logged-out"' in response.content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_shows_an_error_and_keeps_the_username(client, staff_user):
    response = client.post("/accounts/login/", {"username": staff_user.username, "password": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert f'value="{staff_user.username}"' in html


@pytest.mark.django_db
def test_login_uses_the_intranet_look(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="pt-pt"' in html
    assert "intranet.css" in html
    assert 'data-testid="login-submit"' in html


@pytest.mark.django_db
def test_password_reset_email_link_lets_the_user_choose_a_new_password(client, staff_user):
    response = client.post("/accounts/password_reset/", {"email": staff_user.email}, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_user.email]
    assert "Sem Fronteiras" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Nova-senha-segura-42", "new_password2": "Nova-senha-segura-42"}
    )
    assert response.status_code == 302
    assert client.login(username=staff_user.username, password="Nova-senha-segura-42")

    # The link works once.
    client.logout()
    response = client.get(link, follow=True)
    assert 'data-testid="reset-link-invalid"' in response.content.decode()


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing(client):
    client.post("/accounts/password_reset/", {"email": "ninguem@example.org"})
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_change(client_for, staff_user):
    client = client_for(staff_user)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "errada", "new_password1": "x", "new_password2": "y"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist"' in html
    assert 'aria-invalid="true"' in html

    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Outra-senha-forte-77",
            "new_password2": "Outra-senha-forte-77",
        },
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("Outra-senha-forte-77")
