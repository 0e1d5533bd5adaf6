"""View decorators and mixins for the roles. Anonymous users never get here:
LoginRequiredMiddleware sends them to the login page first."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .roles import is_coordinator, is_staff_member


def network_staff_required(view):
    """Staff, coordinators and administrators; partners get 403. (Not Django admin's
    ``network_staff_required``, which is about ``User.is_staff``.)"""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def coordinator_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
