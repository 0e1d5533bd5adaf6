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


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "pt-pt",
            {
                "DATE_FORMAT": "15 de dezembro de 2026",
                "DATETIME_FORMAT": "terça-feira, 15 de dezembro de 2026, 09:30",
                "SHORT_DATE_FORMAT": "15/12/2026",
                "YEAR_MONTH_FORMAT": "dezembro de 2026",
                "TIME_FORMAT": "09:30",
            },
        ),
        (
            "en",
            {
                "DATE_FORMAT": "15 December 2026",
                "DATETIME_FORMAT": "Tuesday 15 December 2026, 9:30",
                "SHORT_DATE_FORMAT": "15 Dec 2026",
                "YEAR_MONTH_FORMAT": "December 2026",
                "TIME_FORMAT": "9:30",
            },
        ),
    ],
)
def test_named_date_formats(language, expected):
    import datetime

    from django.utils import formats, translation

    moment = datetime.datetime(2026, 12, 15, 9, 30)
    with translation.override(language):
        shown = {name: formats.date_format(moment, name) for name in expected}
    assert shown == expected


@pytest.mark.django_db
def test_section_names_follow_the_interface_language(client_for, staff_user):
    client = client_for(staff_user)
    html = client.get("/").content.decode()
    assert ">Atualizações legais</a>" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert ">Legal updates</a>" in html
    assert ">Network directory</a>" in html
    assert "Atualizações legais" not in html
    html = client.get("/legal-updates/").content.decode()
    assert "<h1>Legal updates</h1>" in html
    assert "<title>Legal updates · Sem Fronteiras</title>" in html


@pytest.mark.django_db
def test_navigation_costs_the_same_queries_in_english(client_for, staff_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff_user)
    client.get("/")
    with CaptureQueriesContext(connection) as portuguese:
        client.get("/")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.get("/")
    with CaptureQueriesContext(connection) as english:
        client.get("/")
    assert len(english) == len(portuguese)
