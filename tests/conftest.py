import os
import shutil

import pytest

from tests.core.factories import (
    AdministratorFactory,
    CoordinatorFactory,
    PartnerFactory,
    StaffFactory,
)

# Playwright's sync API runs an event loop in the test thread; Django must still allow
# its synchronous ORM calls there (test setup and live_server data).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _serial_live_server() -> None:
    """The live server answers one request at a time, on its own thread's connection.

    Django's default threaded server gives each request a thread of its own; with the
    service worker fetching pages in the background while a test loads others, two of
    them could wait on each other's SQLite lock for ever (a full run hung there). One
    request at a time is what the tests need; Django sends ``Connection: close`` from a
    server without threads, so browsers do not hold it with kept-alive sockets."""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override

    LiveServerThread.server_class = SerialWSGIServer


_serial_live_server()


class _Browser:
    """Chromium with service workers blocked in every new context or page, unless the test
    is marked ``service_workers`` (field mode): elsewhere the worker's background fetches
    are work nobody waits for."""

    def __init__(self, browser, allow_service_workers: bool):
        self._browser = browser
        self._service_workers = "allow" if allow_service_workers else "block"

    def new_context(self, **kwargs):
        kwargs.setdefault("service_workers", self._service_workers)
        return self._browser.new_context(**kwargs)

    def new_page(self, **kwargs):
        kwargs.setdefault("service_workers", self._service_workers)
        return self._browser.new_page(**kwargs)

    def __getattr__(self, name):
        return getattr(self._browser, name)


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium is a browser test, marked or not: `make test-fast`
    (``-m "not browser and not crawl"``) must never start a browser."""
    for item in items:
        if "chromium_browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one test cached (pages, roles, the
    dashboard) belongs to data rolled back at its end."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def staff_user(db):
    return StaffFactory(username="tecnica", first_name="Joana", last_name="Simões")


@pytest.fixture
def coordinator_user(db):
    return CoordinatorFactory(username="coordenadora", first_name="Marta", last_name="Gonçalves")


@pytest.fixture
def partner_user(db):
    return PartnerFactory(username="parceiro", first_name="Rui", last_name="Valadas")


@pytest.fixture
def admin_user(db):
    return AdministratorFactory(
        username="administrador", first_name="Administrador", last_name="Teste"
    )


@pytest.fixture
def role_users(staff_user, coordinator_user, partner_user, admin_user):
    return {
        "staff": staff_user,
        "coordinator": coordinator_user,
        "partner": partner_user,
        "admin": admin_user,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in as that user (None: anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Each test gets its own media folder and empty caches (Wagtail caches renditions,
    and ids are reused from one test to the next)."""
    from django.core.cache import caches

    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def chromium_browser(request):
    """A real Chromium driven by Playwright. Skips with a reason when none is installed,
    except under CI, where browser tests must run.

    Function-scoped on purpose: Playwright's sync API runs an event loop in the test
    thread, and while it runs Django hands out different connection objects, so a
    session-wide browser would stop serialized_rollback from restoring the data that
    the migrations made (groups, page tree) for the next transactional test."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but no Chromium at {CHROMIUM}: browser tests must run in CI")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        allowed = request.node.get_closest_marker("service_workers") is not None
        yield _Browser(browser, allow_service_workers=allowed)
        browser.close()
        # Connections opened while Playwright's loop ran belong to its context: close them
        # here, or PostgreSQL refuses to drop the test database at the end.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def browser_page(chromium_browser, live_server):
    """A fresh browser tab on the live server (``page.base_url``). Tests using it need
    ``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``: the live
    server's thread must see committed data, and the rollback keeps the groups and the
    page tree that the data migrations made for the tests that follow."""
    # Service workers run only in tests marked service_workers (see _Browser).
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
