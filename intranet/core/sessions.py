"""Ending a person's sessions on every device (when they leave the network)."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

# Engines that keep sessions in the database table, which is what lets us find a
# person's sessions; cookie or cache-only sessions cannot be enumerated.
ENUMERABLE_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def end_sessions(user) -> int:
    """Delete every live session of ``user``; returns how many. Deactivating an account
    alone is not enough: a session kept in a browser would work again the day the
    account is reactivated."""
    if settings.SESSION_ENGINE not in ENUMERABLE_ENGINES:
        raise RuntimeError(
            f"{settings.SESSION_ENGINE} cannot end a person's sessions: use a database-"
            "backed session engine (db or cached_db)."
        )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
