import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Page

import pytest
from PIL import Image as PILImage

from intranet.core.roles import STAFF
from intranet.people.models import Profile, ProfileLanguage
from network.models import NetworkDirectoryPage, SupportOfficePage
from tests.conftest import make_user


def image_upload(kind="PNG", name="foto.png", size=(60, 60)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def make_person(username, first, last, *, office=None, languages=(), expertise=(), **fields):
    user = make_user(username, STAFF, first_name=first, last_name=last)
    profile = user.profile
    profile.office = office
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.save()
    for code, level in languages:
        ProfileLanguage.objects.create(profile=profile, language=code, level=level)
    if expertise:
        profile.expertise.set(list(expertise))
    profile.refresh_search()
    return Profile.objects.get(pk=profile.pk)


@pytest.fixture
def office(db):
    directory = NetworkDirectoryPage.objects.first()
    if directory is None:
        directory = Page.objects.get(depth=2).add_child(
            instance=NetworkDirectoryPage(title="Diretório", slug="directory")
        )
    office = SupportOfficePage(
        title="Gabinete de Alcáçovas", slug="gabinete-alcacovas", municipality="Viana do Alentejo"
    )
    directory.add_child(instance=office)
    return office


@pytest.fixture
def other_office(office):
    office2 = SupportOfficePage(title="Gabinete de Cuba", slug="gabinete-cuba", municipality="Cuba")
    office.get_parent().add_child(instance=office2)
    return office2


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
