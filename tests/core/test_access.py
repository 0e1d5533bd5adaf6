"""Role × URL matrix: who may open what, enforced on the server."""

import pytest

SECTIONS = ["/training/", "/legal-updates/", "/people/", "/knowledge-base/"]
ALL_ROLES = ["staff", "coordinator", "admin"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", *SECTIONS, "/directory/", "/search/?q=rede", "/admin/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/password_reset/", "/healthz/"])
def test_login_and_reset_pages_are_open(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("url", ["/", *SECTIONS, "/directory/", "/search/?q=rede", "/admin/"])
def test_network_staff_reach_every_section(role_users, client_for, role, url):
    response = client_for(role_users[role]).get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*SECTIONS, "/admin/", "/admin/pages/", "/no-such-page/"])
def test_partner_gets_403_outside_the_directory(partner_user, client_for, url):
    response = client_for(partner_user).get(url)
    assert response.status_code == 403
    assert 'data-testid="access-denied"' in response.content.decode()


@pytest.mark.django_db
def test_partner_lands_on_the_directory(partner_user, client_for):
    client = client_for(partner_user)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/directory/"
    assert response.status_code == 200
    # The navigation offers the partner nothing they cannot open.
    nav = response.content.decode().split('aria-label="Principal"')[1].split("</nav>")[0]
    assert "/directory/" in nav
    for url in SECTIONS:
        assert url not in nav


@pytest.mark.django_db
def test_partner_can_use_account_pages(partner_user, client_for):
    client = client_for(partner_user)
    assert client.get("/accounts/password_change/").status_code == 200


@pytest.mark.django_db
def test_partner_cannot_reach_staff_pages_below_the_sections(partner_user, client_for):
    from intranet.core.models import ContentPage, HomePage

    home = HomePage.objects.get()
    page = home.add_child(instance=ContentPage(title="Procedimentos internos", slug="internos"))
    page.save_revision().publish()
    assert client_for(partner_user).get("/internos/").status_code == 403
