"""Programme and module pages, and who may see what."""

from decimal import Decimal

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.test.utils import WagtailPageTestCase

import pytest

from training.models import ModuleMaterial, TrainingModulePage, TrainingProgrammePage

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_modules_live_under_the_programme_only(self):
        self.assertAllowedSubpageTypes(TrainingProgrammePage, {TrainingModulePage})
        self.assertAllowedSubpageTypes(TrainingModulePage, set())
        self.assertAllowedParentPageTypes(TrainingModulePage, {TrainingProgrammePage})


def test_programme_defaults(programme):
    assert programme.target_hours == 60
    assert programme.start_date.year == 2026 and programme.end_date.year == 2027


def test_programme_page_lists_modules_and_my_progress(
    programme, module, session, client_for, staff_user
):
    html = client_for(staff_user).get("/training/").content.decode()
    assert module.title in html
    assert "Trabalho em equipa" in html
    assert "60 horas de formação" in html
    assert 'data-testid="training-progress"' in html
    assert f"/training/sessions/{session.pk}/" in html


def test_module_page_shows_hours_objectives_and_private_materials(
    module, client_for, staff_user, partner_user
):
    private = Collection.objects.get(name="Documentos internos")
    document = Document.objects.create(
        title="Guia de acolhimento",
        collection=private,
        file=ContentFile(b"%PDF-1.4 demo", name="guia.pdf"),
    )
    ModuleMaterial.objects.create(module=module, document=document)
    html = client_for(staff_user).get(module.url).content.decode()
    assert "Guia de acolhimento" in html
    assert "6 h (4 h presenciais, 2 h de estudo autónomo)" in html
    assert client_for(staff_user).get(document.url).status_code == 200
    assert client_for(partner_user).get(document.url).status_code == 403
    assert client_for(partner_user).get(module.url).status_code == 403


def test_module_nominal_hours(module):
    assert module.nominal_hours == Decimal("6")


def test_coordinator_edits_programme_and_modules_in_the_admin(
    programme, module, coordinator_user, client_for
):
    client = client_for(coordinator_user)
    assert client.get(f"/admin/pages/{programme.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{module.pk}/edit/").status_code == 200
    assert (
        client.get(f"/admin/pages/add/training/trainingmodulepage/{programme.pk}/").status_code
        == 200
    )


def test_coordinator_schedules_a_session_in_the_admin(module, coordinator_user, client_for):
    from training.models import TrainingSession

    response = client_for(coordinator_user).post(
        "/admin/snippets/training/trainingsession/add/",
        {
            "module": module.pk,
            "title": "",
            "starts_at": "2027-03-02 09:30",
            "ends_at": "2027-03-02 12:30",
            "office": "",
            "place": "Sala 2, Câmara Municipal de Cuba",
            "trainer": "Dra. Helena Brito",
            "capacity": "10",
            "status": "scheduled",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = TrainingSession.objects.get()
    assert session.duration_hours == Decimal("3.00")


def test_session_ending_before_it_starts_is_refused_in_the_admin(
    module, coordinator_user, client_for
):
    from training.models import TrainingSession

    response = client_for(coordinator_user).post(
        "/admin/snippets/training/trainingsession/add/",
        {
            "module": module.pk,
            "starts_at": "2027-03-02 12:30",
            "ends_at": "2027-03-02 09:30",
            "trainer": "X",
            "capacity": "10",
            "status": "scheduled",
        },
    )
    assert response.status_code == 200
    assert "A sessão tem de terminar depois de começar." in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_training_pages_in_english(settings, module, session, staff_user, client_for):
    client = client_for(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/training/progress/").content.decode()
    assert "My training hours" in html and "0 of 60 hours" in html
    html = client.get(f"/training/sessions/{session.pk}/").content.decode()
    assert "Book a place" in html
    html = client.get("/training/").content.decode()
    assert "6 h (4 h face-to-face, 2 h self-study)" in html


def test_programme_and_module_pages_follow_new_sessions_and_bookings_at_once(
    programme, module, session, staff_user
):
    """The session lists are kept in the cache for everyone; each reader's own booking is
    laid over them. A new session or booking shows on the next request."""
    from django.test import Client

    from .factories import BookingFactory, SessionFactory, StaffFactory

    reader, colleague = Client(), Client()
    reader.force_login(staff_user)
    colleague.force_login(StaffFactory())
    for url in ("/training/", module.url):
        assert "0 de" in reader.get(url).content.decode()  # warm the cache
    added = SessionFactory(module=module, days=3)
    BookingFactory(session=session, user=staff_user)
    for url in ("/training/", module.url):
        mine = reader.get(url).content.decode()
        theirs = colleague.get(url).content.decode()
        assert f"/training/sessions/{added.pk}/" in mine
        assert f"1 de {session.capacity} lugares reservados" in mine
        assert 'data-testid="my-booking"' in mine
        assert f"1 de {session.capacity} lugares reservados" in theirs
        assert 'data-testid="my-booking"' not in theirs
