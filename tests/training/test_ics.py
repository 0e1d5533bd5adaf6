"""Calendar feeds that calendar apps can import (parsed with icalendar)."""

import pytest
from icalendar import Calendar

from intranet.core.tokens import current_token, issue_token
from training import services
from training.models import CALENDAR_PURPOSE

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_my_feed_with_token_works_without_login(client, staff_user, module):
    mine = SessionFactory(module=module, days=3)
    SessionFactory(module=module, days=4)  # not booked
    services.book_session(staff_user, mine.pk)
    token = issue_token(staff_user, CALENDAR_PURPOSE).token

    items = events(client.get(f"/training/my-sessions.ics?token={token}"))

    assert len(items) == 1
    event = items[0]
    assert str(event["summary"]) == module.title
    assert event.decoded("dtstart") == mine.starts_at
    assert event.decoded("dtend") == mine.ends_at
    assert str(event["uid"]).startswith(f"training-session-{mine.pk}@")


def test_my_feed_with_login_and_all_sessions_feed(client_for, staff_user, module):
    SessionFactory.create_batch(2, module=module)
    client = client_for(staff_user)
    assert events(client.get("/training/my-sessions.ics")) == []
    assert len(events(client.get("/training/sessions.ics"))) == 2


def test_bad_or_regenerated_token_is_refused(client, client_for, staff_user):
    old = issue_token(staff_user, CALENDAR_PURPOSE).token
    assert client.get("/training/my-sessions.ics?token=nope").status_code == 403
    client_for(staff_user).post("/training/calendar/")
    new = current_token(staff_user, CALENDAR_PURPOSE).token
    assert new != old
    client.logout()
    assert client.get(f"/training/my-sessions.ics?token={old}").status_code == 403
    assert client.get(f"/training/my-sessions.ics?token={new}").status_code == 200


def test_partner_token_or_session_gets_nothing(client, client_for, partner_user):
    token = issue_token(partner_user, CALENDAR_PURPOSE).token
    assert client.get(f"/training/my-sessions.ics?token={token}").status_code == 403
    assert client_for(partner_user).get("/training/sessions.ics").status_code == 403


def test_anonymous_without_token_is_sent_to_log_in(client):
    response = client.get("/training/sessions.ics")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_feed_page_shows_my_urls(client_for, staff_user):
    client = client_for(staff_user)
    html = client.get("/training/calendar/").content.decode()
    assert current_token(staff_user, CALENDAR_PURPOSE) is None, "a GET must not make a token"
    assert 'data-testid="create-feed"' in html
    html = client.post("/training/calendar/", follow=True).content.decode()
    token = current_token(staff_user, CALENDAR_PURPOSE).token
    assert f"/training/my-sessions.ics?token={token}" in html


def test_add_one_session_to_my_calendar(client_for, staff_user, module):
    from django.urls import reverse

    session = SessionFactory(module=module, days=10, title="Acolhimento e trabalho em rede")
    SessionFactory(module=module, days=11)
    client = client_for(staff_user)
    page = client.get(reverse("training:session-detail", args=[session.pk])).content.decode()
    ics_url = reverse("training:session-ics", args=[session.pk])
    assert f'href="{ics_url}"' in page
    response = client.get(ics_url)
    assert "attachment" in response["Content-Disposition"]
    (event,) = events(response)
    assert str(event["summary"]) == "Acolhimento e trabalho em rede"
    assert event.decoded("dtstart") == session.starts_at
    assert event.decoded("dtend") == session.ends_at
    assert str(event["url"]).endswith(reverse("training:session-detail", args=[session.pk]))


def test_the_calendar_page_explains_the_subscription_with_a_copy_button(client_for, staff_user):
    client = client_for(staff_user)
    client.post("/training/calendar/")
    html = client.get("/training/calendar/").content.decode()
    assert 'data-testid="feed-explained"' in html
    assert 'data-copy="my-feed"' in html and 'data-copy="all-feed"' in html
    assert "<script>" not in html and "onclick" not in html
