import pytest

from tests.core.factories import StaffFactory
from tests.network.factories import ServiceProviderFactory, SupportOfficeFactory


@pytest.fixture
def offices(db):
    return {
        "alcacovas": SupportOfficeFactory(
            slug="gabinete-alcacovas",
            title="Gabinete de Apoio de Alcáçovas",
            municipality="Viana do Alentejo",
        ),
        "cuba": SupportOfficeFactory(
            slug="gabinete-cuba", title="Gabinete de Apoio de Cuba", municipality="Cuba"
        ),
    }


@pytest.fixture
def providers(db):
    return {
        "cs-cuba": ServiceProviderFactory(
            slug="cs-cuba",
            name="Centro de Saúde de Cuba",
            category="health-centre",
            municipality="Cuba",
            address="Rua do Centro de Saúde\n7940 Cuba",
        ),
        "aima": ServiceProviderFactory(
            slug="aima-evora", name="AIMA — Loja de Évora", category="immigration"
        ),
        "ss-cuba": ServiceProviderFactory(
            slug="ss-cuba",
            name="Segurança Social de Cuba",
            category="social-security",
            municipality="Cuba",
        ),
    }


@pytest.fixture
def staff_at_alcacovas(staff_user, offices):
    """The staff fixture user, based at the Alcáçovas office."""
    staff_user.profile.office = offices["alcacovas"]
    staff_user.profile.save()
    return staff_user


@pytest.fixture
def staff_at_cuba(offices):
    return StaffFactory(username="tecnico.cuba", first_name="Leonor", office=offices["cuba"])


@pytest.fixture
def login(client, settings):
    """login(user) logs the test client in, in English unless told (logout drops cookies)."""

    def _login(user, language="en"):
        client.logout()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return _login
