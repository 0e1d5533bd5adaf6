"""Fixtures for the training tests: thin wrappers over ``factories``."""

import pytest

from training.models import TopicArea

from .factories import ModuleFactory, ProgrammeFactory, SessionFactory


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def module(programme):
    return ModuleFactory(
        parent=programme, title="Trabalho em equipa", topic_area=TopicArea.TEAMWORK
    )


@pytest.fixture
def session(module):
    return SessionFactory(module=module)


@pytest.fixture
def past_session(module):
    return SessionFactory(module=module, days=-7)
