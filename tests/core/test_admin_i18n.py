"""The Wagtail admin speaks pt-PT to pt-PT users (the strings Wagtail's own catalogue
lacks come from locale/wagtail-admin/) and wears the Sem Fronteiras colours and name."""

import re

import pytest

from intranet.core.models import HomePage

ENGLISH = [
    "Search all pages",
    "Help",
    "Autosave is paused",
    "Pages",
    "Images",
    "Documents",
    "created in",
    "Awaiting",
    "editor guide",
    "JavaScript is required",
    "Dashboard",
    "Your pages",
    "Save draft",
    "Publish",
]


def _english_found(html: str) -> list[str]:
    return [word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", html)]


@pytest.mark.django_db
def test_admin_dashboard_and_editor_in_portuguese(client_for, coordinator_user):
    client = client_for(coordinator_user)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert _english_found(html) == []
    assert "Pesquisar todas as páginas…" in html
    home = HomePage.objects.get()
    editor = client.get(f"/admin/pages/{home.pk}/edit/")
    assert editor.status_code == 200
    assert _english_found(editor.content.decode()) == []


@pytest.mark.django_db
def test_admin_is_branded(client_for, coordinator_user):
    html = client_for(coordinator_user).get("/admin/").content.decode()
    assert re.search(r"<title>[^<]*- Sem Fronteiras</title>", html)
    assert "Wagtail</title>" not in html
    assert 'data-testid="admin-logo"' in html
    assert "css/admin-brand.css" in html
    assert "img/favicon.svg" in html


@pytest.mark.django_db
def test_admin_in_english_for_english_users(client_for, coordinator_user):
    client = client_for(coordinator_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/admin/").content.decode()
    # The same words the Portuguese check looks for are there in English.
    assert {"Search all pages", "created in", "editor guide", "Pages"} <= set(_english_found(html))
