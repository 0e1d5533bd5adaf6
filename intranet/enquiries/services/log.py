"""Logging an enquiry and changing it afterwards.

``record_enquiry`` is the one way an entry is made: by the form on the intranet today and
by the field-mode sync later (a phone sends entries made offline, each with a ``client_id``
made on the device). Sending the same entry twice stores it once.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.reports.periods import day_label

from ..forms import EnquiryCorrectionForm, EnquiryForm
from ..models import Enquiry, EnquiryChange, OutreachVisit
from .access import is_correction, offices_for, own_office, sees_all_offices

CREATED, EXISTING, REFUSED = "created", "existing", "refused"


@dataclass
class RecordResult:
    """What happened to one entry: ``created``, ``existing`` (this ``client_id`` was stored
    before: nothing new) or ``refused`` (``errors``: field -> messages, for the person)."""

    status: Literal["created", "existing", "refused"]
    entry: Enquiry | OutreachVisit | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    form: EnquiryForm | None = None


def last_channel(user) -> str | None:
    return (
        Enquiry.objects.filter(author=user)
        .order_by("-created_at", "-pk")
        .values_list("channel", flat=True)
        .first()
    )


def initial_values(user, visit: OutreachVisit | None = None) -> dict:
    """The form's defaults: today, my office, the channel I used last (or those of the
    outreach visit the enquiry is logged from)."""
    from ..choices import CHANNEL_FOR_PLACE, Channel

    if visit is not None:
        return {
            "date": visit.date,
            "office": visit.office_id,
            "channel": CHANNEL_FOR_PLACE[visit.place_kind],
            "people": 1,
        }
    office = own_office(user)
    return {
        "date": timezone.localdate(),
        "office": office.pk if office else None,
        "channel": last_channel(user) or Channel.OFFICE,
        "people": 1,
    }


def own_office_only(form, user) -> None:
    """Staff log for their own office: say so, rather than "not one of the choices", when
    an entry (typically one sent from a phone) names another."""
    if not sees_all_offices(user) and own_office(user) is not None:
        form.fields["office"].error_messages["invalid_choice"] = _(
            "You can log entries only for your own office."
        )


def enquiry_form(user, data=None, *, instance=None, correction=False, initial=None):
    form_class = EnquiryCorrectionForm if correction else EnquiryForm
    form = form_class(data, instance=instance, initial=initial, offices=offices_for(user))
    own_office_only(form, user)
    return form


def _existing(client_id, author) -> RecordResult | None:
    enquiry = Enquiry.objects.filter(client_id=client_id).first()
    if enquiry is None:
        return None
    if enquiry.author_id != author.pk:
        # A device's identifier is random: someone else's means a replayed or forged one.
        return RecordResult(
            REFUSED, errors={"client_id": [_("This entry identifier is already in use.")]}
        )
    return RecordResult(EXISTING, entry=enquiry)


def record_enquiry(
    author,
    data,
    *,
    client_id: uuid.UUID | str | None = None,
    visit: OutreachVisit | None = None,
) -> RecordResult:
    """Validate ``data`` (form fields, as posted or as JSON) and store the entry once."""
    if client_id is not None:
        try:
            client_id = uuid.UUID(str(client_id))
        except ValueError:
            return RecordResult(
                REFUSED, errors={"client_id": [_("The entry identifier is not valid.")]}
            )
        if existing := _existing(client_id, author):
            return existing
    form = enquiry_form(author, data)
    if not form.is_valid():
        errors = {name: [str(e) for e in messages] for name, messages in form.errors.items()}
        return RecordResult(REFUSED, errors=errors, form=form)
    enquiry = form.save(commit=False)
    enquiry.author = author
    enquiry.client_id = client_id
    enquiry.outreach_visit = visit
    try:
        with transaction.atomic():
            enquiry.save()
    except IntegrityError:
        # The same client_id arrived twice at once: the other request stored it.
        if client_id is not None and (existing := _existing(client_id, author)):
            return existing
        raise
    return RecordResult(CREATED, entry=enquiry, form=form)


def _shown(form, name: str, value) -> str:
    """A value as people read it in the trail (labels, not keys)."""
    if value in (None, ""):
        return "—"
    model_field = form._meta.model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return day_label(value)
    return str(value)


def change_enquiry(user, enquiry: Enquiry, form: EnquiryForm) -> EnquiryChange | None:
    """Save a valid form and keep the trail: what changed, who, when, why. None when
    nothing changed."""
    before = Enquiry.objects.get(pk=enquiry.pk)
    changes = {}
    for name in form.changed_data:
        if name == "reason":
            continue
        old, new = getattr(before, name), getattr(form.instance, name)
        changes[str(form.fields[name].label)] = [_shown(form, name, old), _shown(form, name, new)]
    if not changes:
        return None
    with transaction.atomic():
        form.save()
        return EnquiryChange.objects.create(
            enquiry=enquiry,
            changed_by=user,
            is_correction=is_correction(user, before),
            reason=form.cleaned_data.get("reason", ""),
            changes=changes,
        )
