"""Who sees and changes what. Staff work with their own office's entries; coordinators
(and administrators) with every office's. Partners never get here (PartnerScopeMiddleware
and ``network_staff_required``)."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from intranet.core.collation import by_name
from intranet.core.roles import is_coordinator
from intranet.people.services import office_of
from network.models import SupportOfficePage

from ..models import EDIT_WINDOW, Enquiry, OutreachVisit


def own_office(user) -> SupportOfficePage | None:
    """The person's office, looked up once per request user."""
    if not hasattr(user, "_enquiries_office"):
        user._enquiries_office = office_of(user)
    return user._enquiries_office


def sees_all_offices(user) -> bool:
    return is_coordinator(user)


def offices_for(user) -> QuerySet[SupportOfficePage]:
    """The offices the person may log for: coordinators any; staff their own (any, until
    their profile names one)."""
    offices = SupportOfficePage.objects.live().order_by(by_name("title"))
    office = None if sees_all_offices(user) else own_office(user)
    return offices.filter(pk=office.pk) if office is not None else offices


def _scoped(queryset: QuerySet, user) -> QuerySet:
    if sees_all_offices(user):
        return queryset
    office = own_office(user)
    if office is None:
        return queryset.filter(author=user)
    return queryset.filter(Q(office=office) | Q(author=user))


def visible_enquiries(user) -> QuerySet[Enquiry]:
    return _scoped(Enquiry.objects.all(), user)


def visible_visits(user) -> QuerySet[OutreachVisit]:
    return _scoped(OutreachVisit.objects.all(), user)


def can_change(user, entry: Enquiry | OutreachVisit, now=None) -> bool:
    """The author for ``EDIT_WINDOW`` after logging; coordinators always (as a correction)."""
    if sees_all_offices(user):
        return True
    return entry.author_id == user.pk and (now or timezone.now()) < entry.created_at + EDIT_WINDOW


def is_correction(user, entry: Enquiry | OutreachVisit, now=None) -> bool:
    """A change by someone else than the author, or after the entry was locked: it needs a
    reason, kept in the trail."""
    locked = (now or timezone.now()) >= entry.created_at + EDIT_WINDOW
    return entry.author_id != user.pk or locked
