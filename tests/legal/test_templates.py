"""The section's templates: one base carrying the stylesheet, extended by every page."""

from pathlib import Path

from django.conf import settings

import pytest

from .factories import MustReadUpdateFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "legal"
PARTS = {"base.html"}  # includes, panels and e-mails are parts of pages, not pages


def page_templates():
    return sorted(path for path in TEMPLATES.glob("*.html") if path.name not in PARTS)


@pytest.mark.parametrize("path", page_templates(), ids=lambda path: path.name)
def test_every_page_of_the_section_extends_its_base(path):
    assert path.read_text().startswith('{% extends "legal/base.html" %}')


@pytest.mark.django_db
def test_pages_load_the_stylesheet_once(client_for, coordinator_user):
    update = MustReadUpdateFactory()
    client = client_for(coordinator_user)
    for url in (
        "/legal-updates/",
        update.url,
        "/legal-updates/my-feed/",
        "/legal-updates/report/",
        f"/legal-updates/report/{update.pk}/",
    ):
        assert client.get(url).content.decode().count("css/legal.css") == 1, url
