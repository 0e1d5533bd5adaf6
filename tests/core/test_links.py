"""Absolute links come from one setting, INTRANET_BASE_URL; without it, from the host of
the request being answered (development on any host and port)."""

import csv
import io

from django.core import mail

import pytest
from icalendar import Calendar

from tests.network.factories import ServiceProviderFactory, SupportOfficeFactory
from tests.training.factories import SessionFactory

BASE = "https://intranet.terrasdentro.example"


def _csv_links(response) -> list[str]:
    text = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    return [cell for row in rows[1:] for cell in row if cell.startswith("http")]


def _ics_urls(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return [str(event["url"]) for event in calendar.walk("VEVENT")]


@pytest.mark.django_db
def test_email_ics_and_csv_use_the_configured_base(settings, client_for, staff_user):
    settings.INTRANET_BASE_URL = BASE
    session = SessionFactory()
    SupportOfficeFactory(title="Gabinete de Apoio de Cuba", slug="cuba")
    ServiceProviderFactory(slug="cs-cuba", name="Centro de Saúde de Cuba")
    client = client_for(staff_user)

    client.post(f"/training/sessions/{session.pk}/book/")
    assert len(mail.outbox) == 1
    assert f"{BASE}/training/sessions/{session.pk}/" in mail.outbox[0].body
    assert "testserver" not in mail.outbox[0].body

    assert _ics_urls(client.get("/training/sessions.ics")) == [
        f"{BASE}/training/sessions/{session.pk}/"
    ]
    links = _csv_links(client.get("/directory/export.csv"))
    assert f"{BASE}/directory/cuba/" in links
    assert f"{BASE}/directory/services/cs-cuba/" in links
    assert all(link.startswith(BASE) for link in links)


@pytest.mark.django_db
def test_without_the_setting_links_follow_the_request_host(settings, client_for, staff_user):
    settings.INTRANET_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["intranet.local"]
    session = SessionFactory()
    ServiceProviderFactory(slug="cs-cuba", name="Centro de Saúde de Cuba")
    client = client_for(staff_user)
    host = {"HTTP_HOST": "intranet.local:8401"}

    client.post(f"/training/sessions/{session.pk}/book/", **host)
    assert f"http://intranet.local:8401/training/sessions/{session.pk}/" in mail.outbox[0].body
    assert _ics_urls(client.get("/training/sessions.ics", **host)) == [
        f"http://intranet.local:8401/training/sessions/{session.pk}/"
    ]
    links = _csv_links(client.get("/directory/export.csv", **host))
    assert "http://intranet.local:8401/directory/services/cs-cuba/" in links
