import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import hooks

import pytest

from intranet.core.dashboard import DashboardPanel
from intranet.core.models import ContentPage, HomePage


@pytest.mark.django_db
def test_dashboard_shows_name_role_and_recent_pages(client_for, staff_user):
    home = HomePage.objects.get()
    page = home.add_child(instance=ContentPage(title="Horários de verão", slug="horarios"))
    page.save_revision().publish()
    html = client_for(staff_user).get("/").content.decode()
    assert "Joana Simões" in html
    assert "Técnico(a)" in html
    assert 'data-testid="panel-recent-pages"' in html
    assert "Horários de verão" in html


@pytest.mark.django_db
def test_apps_add_panels_through_the_hook(client_for, staff_user):
    def extra_panel(request):
        return DashboardPanel(
            key="extra",
            title="Extra",
            template_name="core/panels/recent_pages.html",
            order=1,
        )

    with hooks.register_temporarily("register_dashboard_panel", extra_panel):
        html = client_for(staff_user).get("/").content.decode()
    assert html.index('data-testid="panel-extra"') < html.index('data-testid="panel-recent-pages"')


@pytest.mark.django_db
def test_dashboard_does_not_repeat_the_navigation_in_a_welcome_panel(client_for, staff_user):
    html = client_for(staff_user).get("/").content.decode()
    assert 'data-testid="panel-welcome"' not in html
    main = html[html.index("<main") : html.index("</main>")]
    sections = HomePage.objects.get().get_children().live().in_menu()
    assert sections.count() > 1
    assert not all(f'href="{section.url}"' in main for section in sections)


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_pages(client_for, staff_user):
    client = client_for(staff_user)
    home = HomePage.objects.get()

    def count():
        cache.clear()  # the page as built, not from the cache (see test_query_budgets)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        home.add_child(
            instance=ContentPage(title=f"Página {n}", slug=f"p{n}")
        ).save_revision().publish()
    count()  # warm the per-process caches (site root, content types)
    few = count()
    for n in range(3, 40):
        home.add_child(
            instance=ContentPage(title=f"Página {n}", slug=f"p{n}")
        ).save_revision().publish()
    assert count() == few


@pytest.mark.django_db
def test_home_page_is_light(client_for, staff_user):
    html = client_for(staff_user).get("/").content
    total = len(html)
    # Each file counted once (the icons are fragments of one sprite: icons.svg#name).
    for asset in set(re.findall(rb'(?:href|src)="/static/([^"#]+)', html)):
        total += (Path(settings.BASE_DIR) / "static" / asset.decode()).stat().st_size
    assert total < 100 * 1024
    assert b"https://" not in html and b"http://" not in html.replace(b"http://testserver", b"")


@pytest.mark.django_db
def test_base_template_is_accessible_markup(client_for, staff_user):
    html = client_for(staff_user).get("/").content.decode()
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html
    assert '<nav class="main-nav" aria-label=' in html
    assert html.count("<h1") == 1
