import pytest


@pytest.mark.django_db
def test_portuguese_is_the_default_even_for_an_english_browser(client_for, staff_user):
    client = client_for(staff_user)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="pt-pt">' in html
    assert "Olá, Joana" in html
    assert "Saltar para o conteúdo principal" in html


@pytest.mark.django_db
def test_switching_to_english_and_back(client_for, staff_user):
    client = client_for(staff_user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Hello, Joana" in html
    assert "Skip to main content" in html

    response = client.post("/i18n/setlang/", {"language": "pt-pt", "next": "/"}, follow=True)
    assert "Olá, Joana" in response.content.decode()


@pytest.mark.django_db
def test_language_can_be_switched_on_the_login_page(client):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True
    )
    assert "Log in to the intranet" in response.content.decode()


def test_catalogues_are_compiled():
    from pathlib import Path

    from django.conf import settings

    po = Path(settings.BASE_DIR) / "locale/pt_PT/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    assert po.exists() and mo.exists()
    # Compiled after the last edit of the catalogue (a stale .mo hides new strings).
    assert mo.stat().st_size > 1000
