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


# Words a pt-PT reader must not meet in the admin: Brazilian vocabulary, gerunds for
# ongoing actions, and the English of strings no catalogue translates.
BRAZILIAN = [
    "arquivo",
    "arquivos",
    "usuário",
    "usuários",
    "tela",
    "salvar",
    "salve",
    "excluir",
    "excluirá",
    "equipe",
    "registro",
    "você",
    "contato",
    "senha",
    "aba",
    "exibir",
    "seção",
    "desabilitado",
    "deletar",
    "configurações",
    "carregando",
    "salvando",
    "enviando",
    "processando",
    "excluindo",
    "deletando",
    "visualizando",
    "explorando",
    "aguardando",
]
ENGLISH_WORDS = [
    "the",
    "your",
    "you",
    "and",
    "of",
    "with",
    "this",
    "Search",
    "Help",
    "Pages",
    "Images",
    "Documents",
    "Actions",
    "Dashboard",
    "Save",
    "Publish",
    "Preview",
    "Delete",
    "Edit",
    "Settings",
    "Reports",
    "Users",
    "Groups",
    "Loading",
    "Close",
    "Cancel",
    "Choose",
    "Upload",
    "Status",
    "comments",
    "shortcuts",
    "Usage count",
]


def _visible_text(html: str) -> list[str]:
    """The text a person reads or hears: text between tags, labels and tooltips, and the
    sidebar's menu labels (rendered by JavaScript from a JSON island)."""
    import html as html_module
    import json

    sidebar = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    labels = re.findall(r'"label": "((?:[^"\\]|\\.)*)"', sidebar.group(1)) if sidebar else []
    labels = [json.loads(f'"{label}"') for label in labels]
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->", "", html)
    attributes = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', html)
    texts = re.split(r"<[^>]+>", html) + attributes + labels
    return [re.sub(r"\s+", " ", html_module.unescape(text)).strip() for text in texts]


def _foreign_words(html: str) -> list[str]:
    found = []
    for text in _visible_text(html):
        for word in BRAZILIAN:
            if re.search(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE):
                found.append(f"{word!r} in {text!r}")
        for word in ENGLISH_WORDS:
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
                found.append(f"{word!r} in {text!r}")
    return found


@pytest.mark.django_db
def test_main_admin_views_read_as_european_portuguese(client_for, coordinator_user, admin_user):
    from tests.knowledge.factories import KnowledgeArticlePageFactory, KnowledgeSectionPageFactory

    section = KnowledgeSectionPageFactory(title="Habitação")
    article = KnowledgeArticlePageFactory(parent=section, title="Arrendamento jovem")
    home = HomePage.objects.get()
    views = {
        coordinator_user: [
            "/admin/",
            f"/admin/pages/{home.pk}/",
            f"/admin/pages/{section.pk}/",
            f"/admin/pages/{article.pk}/edit/",
            f"/admin/pages/{article.pk}/history/",
            "/admin/pages/search/?q=arrendamento",
            "/admin/images/",
            "/admin/documents/",
            "/admin/reports/locked/",
            "/admin/reports/aging-pages/",
            "/admin/reports/site-history/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
            "/admin/account/",
        ],
        admin_user: [
            "/admin/pages/",
            "/admin/users/",
            "/admin/groups/",
            "/admin/workflows/list/",
            "/admin/workflows/tasks/index/",
            "/admin/collections/",
            "/admin/reports/page-types-usage/",
        ],
    }
    problems = {}
    for user, paths in views.items():
        client = client_for(user)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            if found := _foreign_words(response.content.decode()):
                problems[path] = found
    assert problems == {}


def test_the_word_lists_catch_what_they_are_meant_to():
    english = '<p>Keyboard shortcuts are enabled; manage your account</p><a title="Search">x</a>'
    assert _foreign_words(english) == [
        "'your' in 'Keyboard shortcuts are enabled; manage your account'",
        "'shortcuts' in 'Keyboard shortcuts are enabled; manage your account'",
        "'Search' in 'Search'",
    ]
    assert _foreign_words("<span>Carregando o arquivo…</span>") == [
        "'arquivo' in 'Carregando o arquivo…'",
        "'carregando' in 'Carregando o arquivo…'",
    ]
    assert _foreign_words("<span>A carregar o ficheiro…</span><p>Pesquisar páginas</p>") == []
