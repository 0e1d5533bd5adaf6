"""Factories for the enquiry log: enquiries, outreach visits, service gaps, and the data a
phone or the form posts.

    EnquiryFactory(office=office, author=user, topic="health", outcome="refused")
    EnquiryFactory.build_batch(300, office=office)          # for bulk_create
    OutreachVisitFactory(office=office, place_kind="leisure")
    ServiceGapFactory(provider=provider, status="raised")
    form_data(office, topic="health", subtopic="sns-number")  # a valid enquiry form post
"""

import datetime

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from intranet.enquiries.models import Enquiry, OutreachVisit, ServiceGap


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


class EnquiryFactory(DjangoModelFactory):
    """An enquiry row (not through the form: for counting and listing tests)."""

    class Meta:
        model = Enquiry

    date = factory.LazyFunction(timezone.localdate)
    channel = "office"
    topic = "housing"
    outcome = "answered"


class OutreachVisitFactory(DjangoModelFactory):
    class Meta:
        model = OutreachVisit

    date = factory.LazyFunction(timezone.localdate)
    municipality = "Cuba"
    place_kind = "workplace"
    people_reached = 12


class ServiceGapFactory(DjangoModelFactory):
    class Meta:
        model = ServiceGap

    title = factory.Sequence(lambda n: f"Lacuna {n}")
    description = "O serviço recusa atender sem marcação."
    period_start = factory.LazyFunction(lambda: days_ago(90))
    period_end = factory.LazyFunction(timezone.localdate)
    outcomes = factory.LazyFunction(lambda: ["refused"])


def rows(office, n, *, day=None, **fields) -> list[Enquiry]:
    """``n`` unsaved enquiries at ``office`` for ``Enquiry.objects.bulk_create``."""
    if day is not None:
        fields["date"] = day
    return EnquiryFactory.build_batch(n, office=office, **fields)


def form_data(office, **fields) -> dict:
    """What the enquiry form posts for a valid enquiry (a field set to None is left out)."""
    data = {
        "date": timezone.localdate().isoformat(),
        "office": office.pk,
        "channel": "office",
        "topic": "housing",
        "subtopic": "renting",
        "provider": "",
        "outcome": "answered",
        "people": "1",
        "note": "",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}
