"""Personal tokens: one model, made only by POST, one behaviour for missing and bad tokens."""

import datetime

from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

import pytest
import time_machine

from intranet.core.models import PersonalToken
from intranet.core.tokens import (
    current_token,
    issue_token,
    revoke_tokens,
    token_or_session,
    user_for_token,
)


@token_or_session("test-purpose")
def echo(request, person):
    return HttpResponse(person.get_username())


def call(user=None, **query):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/feed/", query)
    request.user = user or AnonymousUser()
    request.session = {}
    return echo(request)


@pytest.mark.django_db
def test_rotating_a_token_revokes_the_old_one(staff_user):
    first = issue_token(staff_user, "test-purpose")
    second = issue_token(staff_user, "test-purpose")
    assert first.token != second.token
    assert current_token(staff_user, "test-purpose") == second
    assert user_for_token("test-purpose", first.token) is None
    assert user_for_token("test-purpose", second.token) == staff_user
    assert PersonalToken.objects.filter(user=staff_user).count() == 2


@pytest.mark.django_db
def test_a_token_is_only_good_for_its_own_purpose(staff_user):
    token = issue_token(staff_user, "test-purpose").token
    assert user_for_token("other-purpose", token) is None


@pytest.mark.django_db
def test_last_used_is_recorded_but_not_on_every_fetch(staff_user):
    token = issue_token(staff_user, "test-purpose")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert call(token="x" * 10).status_code == 403
        assert call(token=token.token).content == staff_user.get_username().encode()
        token.refresh_from_db()
        first_use = token.last_used_at
        assert first_use == timezone.now()  # frozen clock
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 5, tzinfo=datetime.UTC)):
        call(token=token.token)
        token.refresh_from_db()
        assert token.last_used_at == first_use
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)):
        call(token=token.token)
        token.refresh_from_db()
        assert token.last_used_at > first_use


@pytest.mark.django_db
def test_one_behaviour_for_missing_bad_and_revoked_tokens(staff_user, partner_user):
    token = issue_token(staff_user, "test-purpose").token
    # Missing token, no session: the login page, as for any page.
    response = call()
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    # Bad, empty or overlong token: 403 with the sentence saying what to do.
    for bad in ("", "nope", "x" * 500):
        response = call(token=bad)
        assert response.status_code == 403
        assert "intranet" in response.content.decode()
    # A partner's token, and a revoked one, refused the same way.
    partner_token = issue_token(partner_user, "test-purpose").token
    assert call(token=partner_token).status_code == 403
    revoke_tokens(staff_user)
    assert call(token=token).status_code == 403
    # Without a token, a logged-in staff member's session works; the response is private.
    response = call(user=staff_user)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_deactivated_account_s_token_stops_working(staff_user):
    token = issue_token(staff_user, "test-purpose").token
    staff_user.is_active = False
    staff_user.save()
    assert call(token=token).status_code == 403
