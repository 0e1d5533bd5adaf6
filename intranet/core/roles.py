"""The intranet's roles. Groups are created by a data migration (core 0003).

A user's group names are kept on the user object, so that templates and views asking "is
this a coordinator?" many times ask once, and in the cache between requests (forgotten
when groups change: intranet.core.caching), so that most requests run no query for them.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext_lazy as _

from .caching import remember

STAFF = "Staff"
COORDINATORS = "Coordinators"
PARTNERS = "Partners"

ROLE_LABELS = {
    "administrator": _("Administrator"),
    "coordinator": _("Coordinator"),
    "staff": _("Staff member"),
    "partner": _("Partner"),
}


def group_names(user: User | AnonymousUser) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_intranet_group_names", None)
    if cached is None:
        cached = remember(
            f"groups:{user.pk}", lambda: frozenset(user.groups.values_list("name", flat=True))
        )
        user._intranet_group_names = cached
    return cached


def groups_key(user) -> str:
    """Names what a user's access depends on (superuser, or the groups): the key under
    which what is the same for everyone with that access is cached."""
    return "superuser" if user.is_superuser else ",".join(sorted(group_names(user)))


def is_coordinator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or COORDINATORS in group_names(user))


def is_staff_member(user) -> bool:
    """Staff, coordinators and administrators: everyone who works in the network."""
    return user.is_authenticated and (
        user.is_superuser or bool({STAFF, COORDINATORS} & group_names(user))
    )


def is_partner(user) -> bool:
    """Anyone logged in who is not network staff sees only the directory."""
    return user.is_authenticated and not is_staff_member(user)


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return "administrator"
    if is_coordinator(user):
        return "coordinator"
    if is_staff_member(user):
        return "staff"
    return "partner"


def role_label(user) -> str:
    role = role_of(user)
    return str(ROLE_LABELS[role]) if role else ""
