from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from training.models import TopicArea, TrainingModulePage, TrainingProgrammePage, TrainingSession


@pytest.fixture
def programme(db):
    return TrainingProgrammePage.objects.get(slug="training")


@pytest.fixture
def make_module(programme):
    counter = {"n": 0}

    def _make(title=None, topic_area=TopicArea.TEAMWORK, f2f="4", own="2", **extra):
        counter["n"] += 1
        module = TrainingModulePage(
            title=title or f"Módulo {counter['n']}",
            slug=f"modulo-{counter['n']}",
            topic_area=topic_area,
            sequence=counter["n"],
            face_to_face_hours=Decimal(f2f),
            self_study_hours=Decimal(own),
            **extra,
        )
        programme.add_child(instance=module)
        module.save_revision().publish()
        return TrainingModulePage.objects.get(pk=module.pk)

    return _make


@pytest.fixture
def module(make_module):
    return make_module("Trabalho em equipa", TopicArea.TEAMWORK, f2f="4", own="2")


@pytest.fixture
def make_session():
    def _make(module, days=7, hours=3, capacity=10, **extra):
        start = timezone.now().replace(microsecond=0) + timedelta(days=days)
        return TrainingSession.objects.create(
            module=module,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            trainer=extra.pop("trainer", "Formadora Teste"),
            capacity=capacity,
            **extra,
        )

    return _make


@pytest.fixture
def session(module, make_session):
    return make_session(module)


@pytest.fixture
def past_session(module, make_session):
    return make_session(module, days=-7, hours=3)
