"""Icons where people scan (navigation, panel headings, contact details): each one exists
in the sprite, and each is decorative beside its words (hidden from screen readers)."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

import pytest

from tests.network.factories import SupportOfficeFactory

SPRITE = Path(settings.BASE_DIR, "static/img/icons.svg").read_text(encoding="utf-8")
SYMBOLS = set(re.findall(r'<symbol id="([\w-]+)"', SPRITE))
DECORATIVE = r'<svg class="icon icon--([\w-]+)[^"]*" aria-hidden="true"'


def _named_icons() -> set[str]:
    """Every icon name written in a template, a dashboard panel or a section class."""
    base = Path(settings.BASE_DIR)
    names = set()
    for path in base.glob("templates/**/*.html"):
        names |= set(re.findall(r'\{% icon "([\w-]+)"', path.read_text(encoding="utf-8")))
    for folder in ("intranet", "network", "training"):
        for path in (base / folder).glob("**/*.py"):  # dashboard panels, section classes
            text = path.read_text(encoding="utf-8")
            if path.name == "wagtail_hooks.py":  # DashboardPanel(icon=…), not block icons
                names |= set(re.findall(r'\bicon="([\w-]+)"', text))
            names |= set(re.findall(r'\bnav_icon = "([\w-]+)"', text))
    return names


def test_every_icon_named_is_in_the_sprite():
    named = _named_icons()
    assert {"phone", "mail", "globe", "scale", "graduation", "book", "map"} <= named
    assert named - SYMBOLS == set()


def test_each_symbol_is_drawn_once():
    """An id twice in the sprite is invalid SVG (which one a page shows is up to the
    browser)."""
    ids = re.findall(r'<symbol id="([\w-]+)"', SPRITE)
    assert sorted(ids) == sorted(set(ids))


@pytest.mark.django_db
def test_navigation_and_panel_headings_carry_decorative_icons(client_for, coordinator_user):
    html = client_for(coordinator_user).get("/").content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    links = re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)
    assert len(links) >= 3  # the sections present in every test database
    assert all(re.match(DECORATIVE, link) for link in links)
    headings = re.findall(r'<h2 id="panel-([\w-]+)">(.*?)</h2>', html, re.S)
    assert headings
    assert all(re.match(DECORATIVE, inner) for _key, inner in headings)


@pytest.mark.django_db
def test_office_contact_details_have_icons_beside_their_words(client_for, staff_user):
    office = SupportOfficeFactory(phone="266 000 000", email="gabinete@example.org")
    html = client_for(staff_user).get(office.url).content.decode()
    terms = {
        re.sub(r"<[^>]+>", "", inner).strip(): re.match(DECORATIVE, inner).group(1)
        for inner in re.findall(r"<dt>(.*?)</dt>", html, re.S)
    }
    assert terms["Telefone"] == "phone"
    assert terms["E-mail"] == "mail"
    assert terms["Línguas faladas"] == "globe"
    assert reverse("network:office-vcard", args=[office.slug]) in html
