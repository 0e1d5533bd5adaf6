"""Certificates: issued by the writes that reach the target (never by a page view), once,
dated when the target was reached; a real PDF, verifiable by code."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from pypdf import PdfReader

from training import services
from training.models import Attendance, Certificate, TopicArea

from .factories import (
    AttendanceFactory,
    BookingFactory,
    ModuleFactory,
    SelfStudyFactory,
    SessionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def law(programme):
    return ModuleFactory(
        parent=programme,
        title="Direito",
        topic_area=TopicArea.IMMIGRATION_LAW,
        face_to_face_hours=Decimal("30"),
        self_study_hours=Decimal("10"),
    )


@pytest.fixture
def teamwork(programme):
    return ModuleFactory(
        parent=programme,
        title="Equipa",
        topic_area=TopicArea.TEAMWORK,
        face_to_face_hours=Decimal("16"),
        self_study_hours=Decimal("4"),
    )


@pytest.fixture
def nearly(law, teamwork, coordinator_user):
    """Luísa has 54 hours (five 8-hour sessions, both self-studies): 6 to go."""
    person = StaffFactory(first_name="Luísa", last_name="Conceição")
    for module, days in [(law, -60), (law, -55), (law, -50), (teamwork, -45), (teamwork, -40)]:
        AttendanceFactory(session=SessionFactory(module=module, days=days, hours=8), user=person)
    declared = timezone.now() - timedelta(days=38)
    SelfStudyFactory(user=person, module=law, completed_at=declared)
    SelfStudyFactory(user=person, module=teamwork, completed_at=declared)
    assert services.ledger_for(person).total == Decimal("54")
    return person


@pytest.fixture
def graduate(nearly, teamwork, coordinator_user):
    session = SessionFactory(module=teamwork, days=-5, hours=6)
    services.record_attendance(session, nearly, "present", None, coordinator_user)  # 60 h
    return nearly


def register_post(person, status="present", hours=""):
    return {
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "1",
        "line-MIN_NUM_FORMS": "0",
        "line-MAX_NUM_FORMS": "1000",
        "save_register": "1",
        "line-0-user_id": str(person.pk),
        "line-0-status": status,
        "line-0-hours": hours,
    }


def test_certificate_is_issued_on_reaching_the_target(graduate):
    certificate = Certificate.objects.get(user=graduate)
    assert certificate.total_hours == Decimal("60")
    assert certificate.hours_by_area == {"immigration_law": "34.00", "teamwork": "26.00"}
    assert certificate.full_name == "Luísa Conceição"


def test_saving_the_register_issues_exactly_one_certificate(
    nearly, teamwork, coordinator_user, client_for
):
    session = SessionFactory(module=teamwork, days=-2, hours=6)
    BookingFactory(session=session, user=nearly)
    client = client_for(coordinator_user)
    url = reverse("training:attendance", args=[session.pk])
    client.post(url, register_post(nearly))
    client.post(url, register_post(nearly))  # saved again: still one
    assert Certificate.objects.filter(user=nearly).count() == 1


def test_a_walk_in_issues_the_certificate(nearly, teamwork, coordinator_user, client_for):
    session = SessionFactory(module=teamwork, days=-2, hours=6)
    client_for(coordinator_user).post(
        reverse("training:attendance", args=[session.pk]),
        {"add_walk_in": "1", "walkin-user": nearly.pk, "walkin-status": "present"},
    )
    assert Attendance.objects.get(session=session, user=nearly).walk_in
    assert Certificate.objects.filter(user=nearly).count() == 1


def test_completing_self_study_issues_the_certificate(nearly, programme, client_for):
    reading = ModuleFactory(parent=programme, self_study_hours=Decimal("6"))
    client = client_for(nearly)
    for _click in range(2):
        client.post(reverse("training:self-study", args=[reading.pk]))
    assert Certificate.objects.filter(user=nearly).count() == 1


def test_correcting_hours_in_the_register_issues_the_certificate(
    nearly, teamwork, coordinator_user, client_for
):
    session = SessionFactory(module=teamwork, days=-2, hours=6)
    BookingFactory(session=session, user=nearly)
    client = client_for(coordinator_user)
    url = reverse("training:attendance", args=[session.pk])
    client.post(url, register_post(nearly, "late", "2"))
    assert not Certificate.objects.filter(user=nearly).exists()  # 56 h
    client.post(url, register_post(nearly, "present", "6"))  # corrected: 60 h
    assert Certificate.objects.filter(user=nearly).count() == 1


def test_publishing_a_lower_target_issues_the_certificates_now_due(nearly, programme):
    programme.target_hours = 50
    programme.save_revision().publish()
    certificate = Certificate.objects.get(user=nearly)
    assert certificate.total_hours == Decimal("50")  # the hours when 50 was reached
    assert services.issue_if_due(nearly) == certificate


def test_viewing_progress_and_the_dashboard_writes_nothing(nearly, coordinator_user, client_for):
    # Reached before certificates were issued on writing: the pages must not issue it.
    SelfStudyFactory(user=nearly, module=ModuleFactory(self_study_hours=Decimal("6")))
    assert services.ledger_for(nearly).reached
    for viewer, url in [
        (nearly, reverse("training:progress")),
        (nearly, "/"),
        (coordinator_user, reverse("training:progress-person", args=[nearly.pk])),
    ]:
        client = client_for(viewer)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [
            q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        ]
        assert writes == [], url
    assert not Certificate.objects.exists()


def test_the_certificate_is_dated_when_the_target_was_reached(nearly, teamwork, coordinator_user):
    session = SessionFactory(module=teamwork, days=-20, hours=6)
    # The register is filled in three weeks after the session.
    services.record_attendance(session, nearly, "present", None, coordinator_user)
    certificate = Certificate.objects.get(user=nearly)
    assert certificate.issued_at == session.ends_at
    assert certificate.last_date == timezone.localdate(session.ends_at)
    assert certificate.first_date == timezone.localdate(
        Attendance.objects.filter(user=nearly).order_by("session__starts_at")[0].session.starts_at
    )


def test_backfill_command_issues_due_certificates_once_with_their_dates(nearly, programme):
    """People who reached the target before certificates were issued on writing get theirs
    from ``issue_due_certificates``, dated when they reached it, not when it runs."""
    reading = ModuleFactory(parent=programme, self_study_hours=Decimal("6"))
    reached = timezone.now() - timedelta(days=30)
    SelfStudyFactory(user=nearly, module=reading, completed_at=reached)
    below = StaffFactory()
    SelfStudyFactory(user=below, module=reading)
    out = io.StringIO()
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        call_command("issue_due_certificates", stdout=out)
    assert "Issued 1 training certificate(s)." in out.getvalue()
    certificate = Certificate.objects.get()
    assert certificate.user == nearly
    assert certificate.issued_at == reached
    call_command("issue_due_certificates", stdout=out)
    assert Certificate.objects.count() == 1


def test_certificate_pdf_holds_name_hours_and_code(graduate, client_for):
    certificate = Certificate.objects.get(user=graduate)
    client = client_for(graduate)
    pdf_url = reverse("training:certificate-pdf", args=[certificate.code])
    html = client.get(reverse("training:progress")).content.decode()
    assert 'data-testid="certificate"' in html and pdf_url in html
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Luísa Conceição" in text
    assert "60 horas" in text
    assert "Direito e procedimentos de imigração" in text and "34 h" in text
    assert "Trabalho em equipa" in text and "26 h" in text
    assert certificate.code in text


def test_only_the_person_and_coordinators_download_it(
    graduate, staff_user, coordinator_user, client_for
):
    url = reverse("training:certificate-pdf", args=[Certificate.objects.get(user=graduate).code])
    assert client_for(staff_user).get(url).status_code == 403
    assert client_for(coordinator_user).get(url).status_code == 200


def test_verification_page_confirms_a_genuine_code(graduate, client):
    certificate = Certificate.objects.get(user=graduate)
    response = client.get(reverse("training:certificate-verify", args=[certificate.code]))
    assert response.status_code == 200  # no login needed
    html = response.content.decode()
    assert "Luísa Conceição" in html and 'data-testid="certificate-valid"' in html
    missing = client.get(reverse("training:certificate-verify", args=["AAAA-BBBB-CCCC"]))
    assert missing.status_code == 404
    assert 'data-testid="certificate-invalid"' in missing.content.decode()


def test_no_certificate_below_the_target(past_session, staff_user, coordinator_user, client_for):
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)
    assert services.issue_if_due(staff_user) is None
    html = client_for(staff_user).get(reverse("training:progress")).content.decode()
    assert 'data-testid="certificate"' not in html


def test_dashboard_panel_offers_the_certificate(graduate, client_for):
    html = client_for(graduate).get("/").content.decode()
    code = Certificate.objects.get(user=graduate).code
    assert reverse("training:certificate-pdf", args=[code]) in html
