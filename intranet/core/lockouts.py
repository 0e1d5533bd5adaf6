"""Login lockouts (django-axes): who is locked out now, and unlocking them.

Axes counts failed logins per username and client address (settings ``AXES_*``): after
``AXES_FAILURE_LIMIT`` failures that pair is refused for ``AXES_COOLOFF_TIME``, whether or
not the username exists. Coordinators and administrators unlock people here rather than
waiting for the cool-off.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from axes.models import AccessAttempt
from axes.utils import reset


def current_lockouts() -> QuerySet[AccessAttempt]:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def unlock(attempt_id: int) -> bool:
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return False
    reset(ip=attempt.ip_address, username=attempt.username)
    return True
