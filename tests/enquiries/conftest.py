import datetime
import itertools

from django.utils import timezone

import pytest

from intranet.core.roles import STAFF
from intranet.enquiries.models import Enquiry
from tests.conftest import make_user
from tests.network.conftest import add_office, add_provider

_numbers = itertools.count(1)


@pytest.fixture
def offices(db):
    return {
        "alcacovas": add_office(
            "gabinete-alcacovas", "Gabinete de Apoio de Alcáçovas", municipality="Viana do Alentejo"
        ),
        "cuba": add_office("gabinete-cuba", "Gabinete de Apoio de Cuba", municipality="Cuba"),
    }


@pytest.fixture
def providers(db):
    return {
        "cs-cuba": add_provider(
            "cs-cuba",
            name="Centro de Saúde de Cuba",
            category="health-centre",
            municipality="Cuba",
            address="Rua do Centro de Saúde\n7940 Cuba",
        ),
        "aima": add_provider(
            "aima-evora", name="AIMA — Loja de Évora", category="immigration", municipality="Évora"
        ),
        "ss-cuba": add_provider(
            "ss-cuba",
            name="Segurança Social de Cuba",
            category="social-security",
            municipality="Cuba",
        ),
    }


def place(user, office):
    profile = user.profile
    profile.office = office
    profile.save()
    return user


@pytest.fixture
def staff_at_alcacovas(staff_user, offices):
    """The staff fixture user, based at the Alcáçovas office."""
    return place(staff_user, offices["alcacovas"])


@pytest.fixture
def staff_at_cuba(offices):
    return place(make_user("tecnico.cuba", STAFF, first_name="Leonor"), offices["cuba"])


def enquiry(office, author=None, **fields) -> Enquiry:
    """An enquiry row (not through the form: for counting tests)."""
    fields.setdefault("date", timezone.localdate())
    fields.setdefault("channel", "office")
    fields.setdefault("topic", "housing")
    fields.setdefault("outcome", "answered")
    return Enquiry.objects.create(office=office, author=author, **fields)


def rows(office, n, *, day=None, **fields) -> list[Enquiry]:
    """``n`` unsaved enquiries for bulk_create."""
    day = day or timezone.localdate()
    fields.setdefault("channel", "office")
    fields.setdefault("topic", "housing")
    fields.setdefault("outcome", "answered")
    return [Enquiry(office=office, date=day, **fields) for _ in range(n)]


def form_data(office, **fields) -> dict:
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


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def login(client, settings):
    """login(user) logs the test client in, in English unless told (logout drops cookies)."""

    def _login(user, language="en"):
        client.logout()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return _login
