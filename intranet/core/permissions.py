"""View decorators and mixins for the roles. Anonymous users never get here:
LoginRequiredMiddleware sends them to the login page first."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .roles import is_coordinator, is_staff_member


def staff_member_required(view):
    """Staff, coordinators and administrators; partners get 403."""

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


class StaffMemberRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CoordinatorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
