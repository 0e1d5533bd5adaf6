"""Who is logged in, from the cache: the user row every signed-in request needs.

Django's ``ModelBackend.get_user`` reads the user from the database on every request.
``CachedModelBackend`` keeps the row in the cache (Redis in production, shared by the
workers) under the user's id, and forgets it whenever the row may have changed: the user
saved (password changed, deactivated, renamed, made superuser) or deleted, their groups
or permissions changed, at once and again when the transaction commits (a request
elsewhere that cached the old row in between is not believed). Code that writes users
with ``QuerySet.update`` (no signal) calls ``forget_user``; anything else is covered by
the expiry. The session's password hash and ``is_active`` are still checked on every
request against the row, so a changed password or a deactivated account logs the person
out on their next request as before.

It is per user, not part of the content generation: editing a page does not send every
signed-in person back to the database, and a log-in does not empty anyone's cache.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

USER_SECONDS = 600


def user_key(user_id) -> str:
    return f"intranet:user:{user_id}"


def forget_user(user_id) -> None:
    """Drop the cached row now and again after the commit."""
    key = user_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


class CachedUserMixin:
    def get_user(self, user_id):
        key = user_key(user_id)
        user = cache.get(key)
        if user is None:
            User = get_user_model()
            try:
                user = User._default_manager.get(pk=user_id)
            except User.DoesNotExist:
                return None
            cache.set(key, user, USER_SECONDS)
        return user if self.user_can_authenticate(user) else None


class CachedModelBackend(CachedUserMixin, ModelBackend):
    """``ModelBackend`` with ``get_user`` served from the cache."""


def _user_saved_or_deleted(sender, instance, **kwargs):
    forget_user(instance.pk)


def _user_relations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # user.groups.add(...): the instance is the user
        if action.startswith("post_"):
            forget_user(instance.pk)
    elif action in ("post_add", "post_remove"):  # group.user_set.add(...)
        for pk in pk_set or ():
            forget_user(pk)
    elif action == "pre_clear":  # group.user_set.clear(): its members, before they go
        for pk in instance.user_set.values_list("pk", flat=True):
            forget_user(pk)


def connect_signals() -> None:
    User = get_user_model()
    post_save.connect(_user_saved_or_deleted, sender=User, dispatch_uid="intranet-user-cache")
    post_delete.connect(_user_saved_or_deleted, sender=User, dispatch_uid="intranet-user-cache")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _user_relations_changed, sender=through, dispatch_uid=f"intranet-user-cache-{through}"
        )
