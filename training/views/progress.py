from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from intranet.core.permissions import network_staff_required

from ..services.ledger import can_see_ledger
from ..services.summary import training_summary


@network_staff_required
def progress(request, user_id=None):
    """A person's hours. Reads only: the certificate, if any, was issued when the hours
    that reached the target were recorded."""
    person = request.user if user_id is None else get_object_or_404(User, pk=user_id)
    if not can_see_ledger(request.user, person):
        raise PermissionDenied
    summary = training_summary(person, request)
    return render(
        request,
        "training/progress.html",
        {
            "page_title": _("Training hours"),
            "person": person,
            "is_self": person.pk == request.user.pk,
            "ledger": summary.ledger,
            "certificate": summary.certificate,
            "next_booking": summary.next_booking,
        },
    )
