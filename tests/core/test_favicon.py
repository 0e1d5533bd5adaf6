"""/favicon.ico answers: browsers, bookmarks and feed readers ask for it at the root."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static

import pytest


@pytest.mark.django_db
def test_favicon_ico_leads_to_an_icon_without_logging_in(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.ico")
    assert "max-age" in response["Cache-Control"]
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # a Windows icon file, as browsers expect
