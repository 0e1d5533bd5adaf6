"""Factories for the training tests (factory_boy, wagtail-factories).

People: ``StaffFactory``, ``CoordinatorFactory`` (and ``UserFactory`` for accounts in no
group), from the shared kit (tests/core/factories.py); they log in with ``PASSWORD``.
The programme page exists on every install (a data migration makes it), so
``ProgrammeFactory`` finds it rather than making a second one. Sessions take ``days``
(from now; negative: in the past) and ``hours`` (length). Records made here skip the
services on purpose (no e-mail, no certificate): tests of those rules call
``training.services``.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.text import slugify

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from intranet.core.models import HomePage
from network.models import SupportOfficePage
from tests.core.factories import (  # noqa: F401 (the training tests import them from here)
    PASSWORD,
    CoordinatorFactory,
    StaffFactory,
    UserFactory,
)
from tests.network.factories import SupportOfficeFactory  # noqa: F401
from training.models import (
    Attendance,
    Booking,
    Certificate,
    SelfStudyCompletion,
    TopicArea,
    TopicRequest,
    TrainingModulePage,
    TrainingProgrammePage,
    TrainingSession,
)

# Faker's Portuguese has names and places but no training vocabulary: pick from these.
SUMMARIES = [
    "Como acolher e encaminhar quem chega pela primeira vez ao gabinete.",
    "Os prazos e documentos de cada tipo de autorização de residência.",
    "Trabalhar com intérpretes e mediadores no atendimento.",
]
TOPICS = [
    "Reagrupamento familiar",
    "Inscrição no centro de saúde",
    "Contratos de trabalho sazonal",
    "Equivalência de habilitações escolares",
]
REASONS = [
    "Chegam muitos pedidos sobre isto ao gabinete.",
    "Os serviços dão respostas diferentes e precisamos de saber explicar.",
]


def in_office(user: User, office: SupportOfficePage) -> User:
    user.profile.office = office
    user.profile.save()
    return user


class ProgrammeFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingProgrammePage
        django_get_or_create = ("slug", "parent")

    parent = factory.LazyFunction(HomePage.objects.get)
    title = "Formação"
    slug = "training"


class ModuleFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingModulePage
        skip_postgeneration_save = True

    parent = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Módulo {n + 1}")
    slug = factory.LazyAttribute(lambda module: slugify(module.title))
    topic_area = TopicArea.TEAMWORK
    sequence = factory.Sequence(lambda n: n + 1)
    face_to_face_hours = Decimal("4")
    self_study_hours = Decimal("2")
    summary = factory.Faker("random_element", elements=SUMMARIES)

    @factory.post_generation
    def published(module, create, extracted, **kwargs):
        """As an editor leaves it: with a published revision."""
        if create:
            module.save_revision().publish()


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    class Params:
        days = 7
        hours = 3

    module = factory.SubFactory(ModuleFactory)
    starts_at = factory.LazyAttribute(
        lambda session: timezone.now().replace(microsecond=0) + timedelta(days=session.days)
    )
    ends_at = factory.LazyAttribute(
        lambda session: session.starts_at + timedelta(hours=session.hours)
    )
    trainer = factory.Faker("name", locale="pt_PT")
    place = factory.Faker("street_address", locale="pt_PT")
    capacity = 10


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(StaffFactory)
    status = Booking.Status.BOOKED
    seat = factory.LazyAttributeSequence(
        lambda booking, n: n + 1 if booking.status == Booking.Status.BOOKED else None
    )
    waitlisted_at = factory.LazyAttribute(
        lambda booking: timezone.now() if booking.status == Booking.Status.WAITLISTED else None
    )


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory, days=-7)
    user = factory.SubFactory(StaffFactory)
    status = Attendance.Status.PRESENT
    hours = factory.LazyAttribute(
        lambda line: (
            line.session.duration_hours if line.status in Attendance.CREDITING else Decimal("0")
        )
    )


class SelfStudyFactory(DjangoModelFactory):
    class Meta:
        model = SelfStudyCompletion

    user = factory.SubFactory(StaffFactory)
    module = factory.SubFactory(ModuleFactory)
    hours = factory.LazyAttribute(lambda completion: completion.module.self_study_hours)


class TopicRequestFactory(DjangoModelFactory):
    class Meta:
        model = TopicRequest

    requester = factory.SubFactory(StaffFactory)
    topic = factory.Faker("random_element", elements=TOPICS)
    reason = factory.Faker("random_element", elements=REASONS)
    topic_area = TopicArea.IMMIGRATION_LAW


class CertificateFactory(DjangoModelFactory):
    class Meta:
        model = Certificate

    user = factory.SubFactory(StaffFactory)
    full_name = factory.LazyAttribute(lambda certificate: certificate.user.get_full_name())
    total_hours = Decimal("60")
    hours_by_area = factory.LazyFunction(lambda: {TopicArea.TEAMWORK.value: "60.00"})
