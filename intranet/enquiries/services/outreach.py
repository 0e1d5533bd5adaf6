"""Recording outreach visits (like enquiries: once per ``client_id``, for field mode)."""

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..forms import OutreachVisitForm
from ..models import OutreachTopic, OutreachVisit
from .access import offices_for, own_office
from .log import CREATED, EXISTING, REFUSED, RecordResult, own_office_only


def visit_form(user, data=None, *, instance=None, initial=None) -> OutreachVisitForm:
    if instance is None and initial is None:
        from django.utils import timezone

        office = own_office(user)
        initial = {
            "date": timezone.localdate(),
            "office": office.pk if office else None,
            "municipality": office.municipality if office else "",
        }
    form = OutreachVisitForm(data, instance=instance, initial=initial, offices=offices_for(user))
    own_office_only(form, user)
    return form


def _save_topics(visit: OutreachVisit, topics) -> None:
    visit.topics.exclude(topic__in=topics).delete()
    existing = set(visit.topics.values_list("topic", flat=True))
    OutreachTopic.objects.bulk_create(
        [OutreachTopic(visit=visit, topic=t) for t in topics if t not in existing]
    )


def record_visit(author, data, *, client_id=None) -> RecordResult:
    """Validate and store a visit once."""
    if client_id is not None:
        try:
            client_id = uuid.UUID(str(client_id))
        except ValueError:
            return RecordResult(
                REFUSED, errors={"client_id": [_("The entry identifier is not valid.")]}
            )
        existing = OutreachVisit.objects.filter(client_id=client_id).first()
        if existing is not None:
            if existing.author_id != author.pk:
                return RecordResult(
                    REFUSED, errors={"client_id": [_("This entry identifier is already in use.")]}
                )
            return RecordResult(EXISTING, entry=existing)
    form = visit_form(author, data, initial={})
    if not form.is_valid():
        errors = {name: [str(e) for e in messages] for name, messages in form.errors.items()}
        return RecordResult(REFUSED, errors=errors, form=form)
    visit = form.save(commit=False)
    visit.author = author
    visit.client_id = client_id
    try:
        with transaction.atomic():
            visit.save()
            _save_topics(visit, form.cleaned_data["topics"])
    except IntegrityError:
        existing = OutreachVisit.objects.filter(client_id=client_id).first()
        if client_id is not None and existing is not None:
            return RecordResult(EXISTING, entry=existing)
        raise
    return RecordResult(CREATED, entry=visit, form=form)


def change_visit(form: OutreachVisitForm) -> OutreachVisit:
    with transaction.atomic():
        visit = form.save()
        _save_topics(visit, form.cleaned_data["topics"])
    return visit
