import pytest

from tests.network.factories import SupportOfficeFactory


@pytest.fixture
def office(db):
    return SupportOfficeFactory(
        title="Gabinete de Alcáçovas", slug="gabinete-alcacovas", municipality="Viana do Alentejo"
    )


@pytest.fixture
def other_office(office):
    return SupportOfficeFactory(title="Gabinete de Cuba", slug="gabinete-cuba", municipality="Cuba")


@pytest.fixture(autouse=True)
def _english_interface(client, settings):
    """Assertions below read the English interface; test_i18n checks the Portuguese one."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def client_for(client, settings):
    """As the root fixture, keeping the English interface (logout drops the cookies)."""

    def _login(user, language="en"):
        client.logout()
        if user is not None:
            client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return _login
