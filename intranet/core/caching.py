"""What the intranet keeps in the cache between requests, and when it is forgotten.

One number, the *content generation*, goes into the key of everything cached here (the
dashboard panels, navigation, routed pages, role lookups, the visibility scope, the site).
Any change to the intranet's data moves it on: a model of ours, Wagtail's pages,
revisions, sites and view restrictions, users and their groups, saved or deleted
(``post_save``, ``post_delete``, ``m2m_changed``). The next request then builds fresh
keys, so a change shows on the next page whichever worker answers (the cache is Redis,
shared, in production). Old entries simply expire.

Not covered, on purpose, so cached entries also expire after ``FRAGMENT_SECONDS``: writes
that send no signal (``QuerySet.update``, ``bulk_create``) and what changes with the clock
alone ("today", "overdue"), whose fragments put the date in their key as well.
Sessions, login throttling and the task queue change all the time and never touch what
is cached, so they leave the generation alone. The generation moves on at the change
and again when the transaction commits, so nothing read in between is kept.
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "intranet:content-generation"
FRAGMENT_SECONDS = 600

# Apps whose data cached fragments show. Not: sessions, axes, django_tasks_db, contenttypes.
WATCHED_APPS = frozenset(
    {
        "core",
        "people",
        "legal",
        "knowledge",
        "enquiries",
        "network",
        "training",
        "auth",
        "taggit",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailsettings",
    }
)


# Fields written as bookkeeping that no cached fragment shows: a save that touches only
# these leaves the generation alone (otherwise every log-in would empty everyone's cache).
BOOKKEEPING_FIELDS = {"auth.user": frozenset({"last_login"})}


def generation() -> int:
    """The current content generation (a number that only grows)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Lost (evicted, or a fresh cache): start again from the clock in microseconds,
        # well past any number reached before, so no older entry is ever believed.
        cache.add(GENERATION_KEY, time.time_ns() // 1_000, timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def request_generation(request) -> int:
    """The generation as this request first saw it (one cache read per request)."""
    if not hasattr(request, "_intranet_generation"):
        request._intranet_generation = generation()
    return request._intranet_generation


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (evicted, or a fresh cache)
        generation()


def _changed(sender, update_fields=None, **kwargs):
    """Move on now (this process reads its own writes at once) and again after the commit
    (a request elsewhere that cached the old data in between is not believed)."""
    bookkeeping = BOOKKEEPING_FIELDS.get(sender._meta.label_lower)
    if update_fields and bookkeeping and set(update_fields) <= bookkeeping:
        return
    bump()
    transaction.on_commit(bump)


def _m2m_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        _changed(sender)


def connect_signals() -> None:
    """Listen to the watched apps' models one by one, not to every model: a delete
    receiver makes Django fetch each row it deletes, which sessions, lockouts and the task
    queue (deleted in bulk) are spared."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in WATCHED_APPS:
            continue
        uid = f"intranet-caching-{model._meta.label_lower}"
        if model._meta.auto_created:  # a many-to-many table
            m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=uid)
            continue
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)


def remember(key: str, compute, timeout: int = FRAGMENT_SECONDS, *, request=None):
    """``compute()``, kept under ``key`` for the current generation. ``None`` is not kept
    (a miss, such as an address that leads nowhere, is worked out again each time, so a
    flood of made-up addresses cannot fill the cache)."""
    full_key = _full_key(key, request)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(full_key, value, timeout)
    return value


def keep(key: str, value, timeout: int = FRAGMENT_SECONDS, *, request=None) -> None:
    """Replace what ``remember`` keeps under ``key`` (a kept value found out of date)."""
    cache.set(_full_key(key, request), value, timeout)


def _full_key(key: str, request=None) -> str:
    version = request_generation(request) if request is not None else generation()
    return f"intranet:{version}:{key}"
