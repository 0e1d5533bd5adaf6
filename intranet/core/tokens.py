"""Personal secrets in URLs (feed readers, calendar apps), one way for every app.

- ``issue_token(user, purpose)`` makes a person's token, or replaces it (the old address
  stops working at once). Views call it only on POST: a GET never writes.
- ``current_token(user, purpose)`` reads it (None when the person has not made one yet).
- ``@token_or_session(purpose)`` guards a view that programs fetch: with ``?token=`` the
  person is the token's owner; without it, the logged-in person. One behaviour everywhere:
  a missing token without a session goes to the login page, a bad, revoked or leaver's
  token gets 403 with a sentence saying where to find the current address.
- ``revoke_tokens(user)`` when someone leaves (``intranet.people`` does it).
"""

from datetime import timedelta
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PersonalToken
from .roles import is_staff_member

# "Last used" is written at most this often, so a calendar polling every minute does not
# turn every fetch into a write.
LAST_USED_RESOLUTION = timedelta(minutes=15)


def current_token(user, purpose: str) -> PersonalToken | None:
    if not user.is_authenticated:
        return None
    return PersonalToken.objects.filter(user=user, purpose=purpose, revoked_at=None).first()


@transaction.atomic
def issue_token(user, purpose: str) -> PersonalToken:
    """A new token for ``user`` and ``purpose``; any earlier one stops working."""
    revoke_tokens(user, purpose)
    return PersonalToken.objects.create(user=user, purpose=purpose)


def revoke_tokens(user, purpose: str | None = None) -> int:
    tokens = PersonalToken.objects.filter(user=user, revoked_at=None)
    if purpose is not None:
        tokens = tokens.filter(purpose=purpose)
    return tokens.update(revoked_at=timezone.now())


def user_for_token(purpose: str, raw: str):
    """The active owner of a live token for ``purpose``, or None."""
    if not raw or len(raw) > 64:
        return None
    token = (
        PersonalToken.objects.select_related("user")
        .filter(token=raw, purpose=purpose, revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def refused(request):
    return render(
        request,
        "403.html",
        {
            "page_title": _("Address not valid"),
            "reason": _(
                "This address is not valid (any more). Open the intranet to get your current one."
            ),
        },
        status=403,
    )


def token_or_session(purpose: str, allowed=is_staff_member):
    """Decorate ``view(request, person, ...)``: ``person`` comes from the token or session."""

    def decorator(view):
        @login_not_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if "token" in request.GET:
                person = user_for_token(purpose, request.GET["token"])
                if person is None or not allowed(person):
                    return refused(request)
            elif request.user.is_authenticated:
                person = request.user
                if not allowed(person):
                    raise PermissionDenied
            else:
                return redirect_to_login(request.get_full_path())
            response = view(request, person, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
            return response

        return wrapped

    return decorator
