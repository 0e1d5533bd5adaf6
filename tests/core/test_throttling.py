"""Brute force: login lockout (django-axes), unlock by coordinators, rate limits on the
password reset and the certificate check, idle sessions and a new session id at login."""

import datetime as dt
import re
from decimal import Decimal

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from tests.core.factories import PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def _attempt(client, username, password, url=LOGIN, ip="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(client, username, times, url=LOGIN, ip="10.0.0.1"):
    return [_attempt(client, username, "wrong-password", url, ip).status_code for _ in range(times)]


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_username_from_that_address(client, staff_user):
    # The fifth failure already answers with the lockout page.
    assert _fail(client, staff_user.username, 5) == [200] * 4 + [429]
    response = _attempt(client, staff_user.username, PASSWORD)
    assert response.status_code == 429
    assert b'data-testid="locked-out"' in response.content
    assert "15 minutos" in response.content.decode()
    assert SESSION_KEY not in client.session
    # Another address may still log in with the right password: the lock is the pair.
    response = _attempt(client, staff_user.username, PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(staff_user.pk)


@pytest.mark.django_db
def test_the_lock_ends_after_fifteen_minutes(client, staff_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail(client, staff_user.username, 5)
        assert _attempt(client, staff_user.username, PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert _attempt(client, staff_user.username, PASSWORD).status_code == 429
    # Each refused try restarts the cool-off (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
        assert _attempt(client, staff_user.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_admin_login_counts_towards_the_same_lock(client, staff_user):
    _fail(client, staff_user.username, 3)
    _fail(client, staff_user.username, 2, url=ADMIN_LOGIN)
    assert _attempt(client, staff_user.username, PASSWORD, url=ADMIN_LOGIN).status_code == 429
    assert _attempt(client, staff_user.username, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_unknown_usernames_get_the_same_answers(client, staff_user):
    known = [_attempt(client, staff_user.username, "wrong") for _ in range(6)]
    unknown = [_attempt(client, "nobody-here", "wrong") for _ in range(6)]
    assert (
        [r.status_code for r in known] == [r.status_code for r in unknown] == [200] * 4 + [429] * 2
    )

    def text(response):
        body = response.content.decode().replace(staff_user.username, "X")
        return re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", body.replace("nobody-here", "X"))

    assert text(known[0]) == text(unknown[0])
    assert text(known[-1]) == text(unknown[-1])


@pytest.mark.django_db
def test_lockout_page_in_english(client, staff_user):
    client.cookies["django_language"] = "en"
    _fail(client, staff_user.username, 5)
    body = _attempt(client, staff_user.username, PASSWORD).content.decode()
    assert "After 5 wrong passwords in a row" in body
    assert "15 minutes" in body


@pytest.mark.django_db
def test_a_coordinator_unlocks_a_login(client, client_for, staff_user, coordinator_user):
    _fail(client, staff_user.username, 5)
    assert _attempt(client, staff_user.username, PASSWORD).status_code == 429

    coordinator = client_for(coordinator_user)
    assert 'data-testid="lockouts-link"' in coordinator.get("/training/").content.decode()
    page = coordinator.get(reverse("lockouts"))
    assert page.status_code == 200
    assert staff_user.username in page.content.decode()
    attempt = page.context["page_obj"][0]
    response = coordinator.post(reverse("lockouts"), {"attempt": attempt.pk}, follow=True)
    assert b'data-testid="no-lockouts"' in response.content

    client.logout()
    assert _attempt(client, staff_user.username, PASSWORD).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "partner"])
def test_only_coordinators_see_and_lift_lockouts(client_for, role_users, role):
    client = client_for(role_users[role])
    assert client.get(reverse("lockouts")).status_code == 403
    assert client.post(reverse("lockouts"), {"attempt": 1}).status_code == 403


@pytest.mark.django_db
def test_an_administrator_may_unlock_too(client_for, admin_user):
    assert client_for(admin_user).get(reverse("lockouts")).status_code == 200


# --- rate limits --------------------------------------------------------------------------


def _reset(client, email, ip="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def frozen_clock():
    """Rate limits count in fixed windows: a test must not straddle two of them."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_clock")
def test_password_reset_is_limited_per_address_asked_for(client, staff_user):
    statuses = [_reset(client, staff_user.email, ip=f"10.0.1.{n}").status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    # Case does not make it a new address.
    assert _reset(client, staff_user.email.upper(), ip="10.0.2.1").status_code == 429
    # The same limit, and the same answer, for an address without an account.
    statuses = [_reset(client, "ghost@example.org", ip=f"10.0.3.{n}").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_clock")
def test_password_reset_is_limited_per_client(client, staff_user):
    statuses = [_reset(client, f"person{n}@example.org").status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    response = _reset(client, staff_user.email)
    assert response.status_code == 429
    assert b'data-testid="rate-limited"' in response.content
    assert response["Retry-After"]
    assert not mail.outbox
    # Another client is not held back.
    assert _reset(client, staff_user.email, ip="10.9.9.9").status_code == 302


@pytest.mark.django_db
def test_password_reset_limit_is_a_window(client, staff_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _n in range(3):
            _reset(client, staff_user.email)
        assert _reset(client, staff_user.email, ip="10.0.0.2").status_code == 429
    with time_machine.travel(start + dt.timedelta(hours=2), tick=False):
        assert _reset(client, staff_user.email, ip="10.0.0.3").status_code == 302


@pytest.fixture
def certificate(staff_user):
    from training.models import Certificate

    return Certificate.objects.create(
        user=staff_user,
        full_name="Joana Simões",
        total_hours=Decimal("60"),
        hours_by_area={"teamwork": "60"},
        first_date=dt.date(2026, 1, 10),
        last_date=dt.date(2026, 6, 30),
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_clock")
def test_certificate_check_is_limited_per_code_and_per_client(client, certificate):
    url = reverse("training:certificate-verify", args=[certificate.code])
    statuses = [client.get(url, REMOTE_ADDR=f"10.1.0.{n}").status_code for n in range(11)]
    assert statuses == [200] * 10 + [429]
    # Guessing codes from one address runs into the per-address limit.
    guesses = [
        client.get(
            reverse("training:certificate-verify", args=[f"AAAA-BBBB-{n:04d}"]),
            REMOTE_ADDR="10.2.0.1",
        ).status_code
        for n in range(31)
    ]
    assert guesses == [404] * 30 + [429]


# --- sessions -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_session_id_at_login(client, staff_user):
    session = client.session
    session["something"] = "before login"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    assert _attempt(client, staff_user.username, PASSWORD).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=before).exists()


@pytest.mark.django_db
def test_sessions_end_after_eight_idle_hours(client, staff_user, settings):
    assert settings.SESSION_IDLE_TIMEOUT == 8 * 60 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _attempt(client, staff_user.username, PASSWORD).status_code == 302
        assert client.get("/training/sessions/").status_code == 200
    # Activity keeps the session alive past eight hours in total...
    with time_machine.travel(start + dt.timedelta(hours=7), tick=False):
        assert client.get("/training/sessions/").status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=14), tick=False):
        assert client.get("/training/sessions/").status_code == 200
    # ...but eight hours without any request end it.
    with time_machine.travel(start + dt.timedelta(hours=22, minutes=1), tick=False):
        response = client.get("/training/sessions/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_idle_timeout_is_a_setting(client, staff_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _attempt(client, staff_user.username, PASSWORD)
        client.get("/training/sessions/")
    with time_machine.travel(start + dt.timedelta(minutes=11), tick=False):
        assert client.get("/training/sessions/").status_code == 302


def test_the_client_address_behind_a_proxy(rf, settings):
    from intranet.core.throttling import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert client_ip(request) == "10.0.0.9"  # no proxy configured: the header is not trusted
    settings.INTRANET_PROXY_COUNT = 1
    assert client_ip(request) == "192.0.2.7"  # the entry our proxy added, not the forged one
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="junk")) == "10.0.0.9"
    assert client_ip(rf.get("/", REMOTE_ADDR="")) is None
