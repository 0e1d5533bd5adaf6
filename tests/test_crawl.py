"""Crawl the demo site as each role, following every link a page shows.

A link a person is shown must work for them: no 5xx anywhere, no 404 or 403 behind
any link, and partners never see (nor reach) the staff-only sections.

The demo data is loaded once for the module, inside a transaction rolled back at the
end, so the other test modules see an empty database as usual.
"""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client

import pytest

# Slow (it loads the demo and visits every page): `make test-fast` leaves it out.
pytestmark = pytest.mark.crawl

MAX_PAGES = 250
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/accounts/logout/", "/i18n/")
NOT_PARSED = (".ics", ".vcf", ".csv", ".pdf")
STAFF_ONLY = ("/training/", "/legal-updates/", "/people/", "/knowledge-base/")
STAFF_ONLY += ("/enquiries/", "/service-gaps/", "/insights/")
PARTNER_ALLOWED = ("/directory/", "/search/", "/accounts/", "/documents/", "/media/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _internal(base, href):
    """The internal path (with query string) an href points to, or None."""
    href = href.strip()
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url, _fragment = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver"):
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def crawl(client, start="/", limit=MAX_PAGES, on_page=None):
    """Breadth-first crawl. Returns (statuses, links, redirects): statuses maps each
    fetched URL to its status code; links is a list of (page, link) pairs for every
    internal link shown on an HTML page; redirects maps a URL to where it sent us."""
    statuses, links, redirects = {}, [], {}
    queue, seen = deque([start]), {start}
    while queue and len(statuses) < limit:
        url = queue.popleft()
        response = client.get(url)
        statuses[url] = response.status_code
        targets = []
        if response.status_code in (301, 302, 303, 307, 308):
            location = _internal(url, response["Location"])
            if location:
                redirects[url] = location
                targets.append(location)
        elif (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not urlsplit(url).path.endswith(NOT_PARSED)
            and not getattr(response, "streaming", False)
        ):
            html = response.content.decode(response.charset or "utf-8", "replace")
            if on_page:
                on_page(url, html)
            parser = _Links()
            parser.feed(html)
            for href in parser.hrefs:
                target = _internal(url, href)
                if target:
                    links.append((url, target))
                    targets.append(target)
        for target in targets:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return statuses, links, redirects


def _describe(pairs):
    return "\n".join(f"  {page} -> {link}" for page, link in sorted(set(pairs)))


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("crawl-media")


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, demo_media):
    """The demo data, loaded once for this module and rolled back afterwards."""
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            assert demo_media == settings.MEDIA_ROOT
            yield
        finally:
            for alias, atomic in reversed(atomics.items()):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_site, demo_media, settings):
    # The root conftest gives every test its own empty media folder: point back at the
    # one holding the demo's images and documents.
    settings.MEDIA_ROOT = demo_media


def _client(username, language=None):
    client = Client()
    client.force_login(User.objects.get(username=username))
    if language:
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client


TEMPLATE_SYNTAX = ("{#", "#}", "{%", "%}", "{{", "}}")


def _check(username, language=None):
    leaks = []

    def template_syntax_shown(url, html):
        # A broken or multi-line template comment/tag is shown to the user as text.
        leaks.extend((url, token) for token in TEMPLATE_SYNTAX if token in html)

    statuses, links, redirects = crawl(_client(username, language), on_page=template_syntax_shown)
    assert len(statuses) > 10, statuses
    assert not leaks, f"{username}: template syntax shown on pages: {sorted(set(leaks))}"
    server_errors = {url: code for url, code in statuses.items() if code >= 500}
    assert not server_errors, f"{username}: server errors: {server_errors}"
    broken = [(page, link) for page, link in links if statuses.get(link) in (403, 404)]
    assert not broken, f"{username}: links shown that answer 403/404:\n{_describe(broken)}"
    return statuses, links, redirects


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["staff", "coordinator", "admin"])
def test_crawl_links_work_for_staff_roles(demo, username):
    statuses, _links, _redirects = _check(username)
    # The crawl really covered the sections.
    for section in STAFF_ONLY + ("/directory/",):
        assert any(url.startswith(section) for url in statuses), (username, section)


@pytest.mark.django_db
def test_crawl_partner_sees_and_reaches_only_the_directory(demo):
    statuses, links, _redirects = _check("partner")
    leaks = [(page, link) for page, link in links if link.startswith(STAFF_ONLY)]
    assert not leaks, f"partner shown links into staff-only sections:\n{_describe(leaks)}"
    reached = [
        url
        for url, code in statuses.items()
        if code == 200 and not urlsplit(url).path.startswith(PARTNER_ALLOWED)
    ]
    assert not reached, f"partner reached pages outside the directory: {reached}"
    assert any(url.startswith("/directory/") for url in statuses)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


def _portuguese_chrome():
    """Interface strings as the Portuguese catalogue renders them (whole sentences, not
    single words that demo content could also contain)."""
    import polib

    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/pt_PT/LC_MESSAGES/django.po"))
    return {
        " ".join(entry.msgstr.split())
        for entry in catalogue.translated_entries()
        if entry.msgstr != entry.msgid
        and "%" not in entry.msgstr
        and "{" not in entry.msgstr
        and len(entry.msgstr) >= 15
        and " " in entry.msgstr
    }


# Dates and times as an American locale writes them: "12/15/2025", "Jan. 19", "9:30 a.m.".
US_DATES = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b[ap]\.m\.|\b(?:Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec)\."
)
# Words of the Portuguese interface that are a whole label on their own (a button, a
# link, a heading) and never a whole text of demo content.
PORTUGUESE_LABELS = {
    "Pesquisar",
    "Sair",
    "Guardar",
    "Cancelar",
    "Entrar",
    "Seguinte",
    "Anterior",
    "Editar",
    "Voltar",
    "Hoje",
    "Fechado",
    "Aberto",
    "Sessões",
    "Presenças",
    "Pedidos",
    "Relatório",
    "Pessoas",
    "Diretório da rede",
    "Base de conhecimento",
    "Atualizações legais",
    "Programa de formação",
    "Formação",
    "Início",
    "Páginas",
    "Serviços",
    "Gabinetes de apoio",
}
# Street names keep their capitals ("Rua 25 de Abril").
CAPITALISED_MONTHS = re.compile(
    r"(?<!Rua )(?<!Avenida )(?<!Largo )(?<!Praça )\b\d{1,2}\s+(?:de\s+)?"
    r"(?:Janeiro|Fevereiro|Março|Abril|Maio|Junho|Julho|Agosto|Setembro|Outubro|Novembro"
    r"|Dezembro)\b"
)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["staff", "coordinator", "partner"])
def test_crawl_english_interface_has_no_portuguese_chrome_nor_us_dates(demo, username):
    from wagtail.models import Page, get_page_models

    from taggit.models import Tag

    from intranet.core.models import SectionPage

    # Page titles and tags are content, written in Portuguese whatever the interface
    # language; the sections' names are interface words (they have English titles).
    sections = [m for m in get_page_models() if issubclass(m, SectionPage)]
    section_titles = {p.title for p in Page.objects.type(*sections)}
    content = set(Page.objects.values_list("title", flat=True)) - section_titles
    content |= {f"{title} · Sem Fronteiras" for title in content}
    content |= set(Tag.objects.values_list("name", flat=True))
    chrome = (_portuguese_chrome() | PORTUGUESE_LABELS) - content
    untranslated, us_dates = {}, {}

    def check(url, html):
        parser = _Text()
        parser.feed(html)
        found = chrome.intersection(parser.chunks)
        if found:
            untranslated[url] = sorted(found)
        dates = {m.group() for chunk in parser.chunks for m in US_DATES.finditer(chunk)}
        if dates:
            us_dates[url] = sorted(dates)

    statuses, _links, _redirects = crawl(_client(username, language="en"), limit=150, on_page=check)
    assert len(statuses) > 5
    assert not untranslated, f"Portuguese interface text in English pages: {untranslated}"
    assert not us_dates, f"American dates in English pages: {us_dates}"


@pytest.mark.django_db
def test_crawl_portuguese_months_are_lower_case(demo):
    capitalised = {}

    def check(url, html):
        parser = _Text()
        parser.feed(html)
        found = {m.group() for chunk in parser.chunks for m in CAPITALISED_MONTHS.finditer(chunk)}
        if found:
            capitalised[url] = sorted(found)

    statuses, _links, _redirects = crawl(_client("coordinator"), limit=150, on_page=check)
    assert len(statuses) > 10
    assert not capitalised, f"Capitalised months in pt-PT pages: {capitalised}"


@pytest.mark.django_db
def test_demo_search_examples(demo):
    """The examples of the site search work on the demo data (issue 15)."""

    def found(username, query):
        response = _client(username).get("/search/", {"q": query})
        return {group.type.key: group.count for group in response.context["groups"]}

    assert found("staff", "Pestana")["people"] >= 1
    assert {"people", "offices", "services"} <= set(found("staff", "ucraniano"))
    partner = found("partner", "saúde")
    assert partner["services"] >= 8 and "people" not in partner and "sessions" not in partner
    # Accents fold on SQLite (FTS5), and on PostgreSQL with an unaccent configuration.
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or ""
    if connections["default"].vendor == "sqlite" or "unaccent" in config:
        assert found("partner", "saude") == partner


def test_internal_link_filter():
    assert _internal("/a/", "b/?page=2#top") == "/a/b/?page=2"
    assert _internal("/a/", "mailto:x@example.org") is None
    assert _internal("/a/", "#main") is None
    assert _internal("/a/", "https://example.org/x") is None
    assert _internal("/a/", "/admin/pages/") is None
    assert _internal("/a/", "http://testserver/directory/") == "/directory/"
