"""Certificates: issued at the target, a real PDF, verifiable by code."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from tests.conftest import make_user
from training import services
from training.models import Certificate, TopicArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def graduate(make_module, make_session, coordinator_user):
    person = make_user("formada", "Staff", first_name="Luísa", last_name="Conceição")
    law = make_module("Direito", TopicArea.IMMIGRATION_LAW, f2f="30", own="10")
    team = make_module("Equipa", TopicArea.TEAMWORK, f2f="16", own="4")
    for module, hours in [(law, 8), (law, 8), (law, 8), (team, 8), (team, 8)]:
        session = make_session(module, days=-40, hours=hours)
        services.record_attendance(session, person, "present", None, coordinator_user)
    services.complete_self_study(person, law)
    assert not Certificate.objects.filter(user=person).exists()  # 50 h so far
    services.complete_self_study(person, team)  # 54 h
    session = make_session(team, days=-5, hours=6)
    services.record_attendance(session, person, "present", None, coordinator_user)  # 60 h
    return person


def test_certificate_is_issued_on_reaching_the_target(graduate):
    certificate = Certificate.objects.get(user=graduate)
    assert certificate.total_hours == Decimal("60")
    assert certificate.hours_by_area == {"immigration_law": "34.00", "teamwork": "26.00"}
    assert certificate.full_name == "Luísa Conceição"


def test_certificate_pdf_holds_name_hours_and_code(graduate, client_for):
    certificate = Certificate.objects.get(user=graduate)
    client = client_for(graduate)
    html = client.get("/training/progress/").content.decode()
    assert f"/training/certificates/{certificate.code}.pdf" in html
    response = client.get(f"/training/certificates/{certificate.code}.pdf")
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
    url = f"/training/certificates/{Certificate.objects.get(user=graduate).code}.pdf"
    assert client_for(staff_user).get(url).status_code == 403
    assert client_for(coordinator_user).get(url).status_code == 200


def test_verification_page_confirms_a_genuine_code(graduate, client):
    certificate = Certificate.objects.get(user=graduate)
    response = client.get(f"/training/verify/{certificate.code}/")  # no login needed
    assert response.status_code == 200
    html = response.content.decode()
    assert "Luísa Conceição" in html and 'data-testid="certificate-valid"' in html
    missing = client.get("/training/verify/AAAA-BBBB-CCCC/")
    assert missing.status_code == 404
    assert 'data-testid="certificate-invalid"' in missing.content.decode()


def test_no_certificate_below_the_target(
    module, past_session, staff_user, coordinator_user, client_for
):
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)
    assert services.issue_certificate_if_due(staff_user) is None
    assert (
        'data-testid="certificate"'
        not in client_for(staff_user).get("/training/progress/").content.decode()
    )


def test_dashboard_panel_offers_the_certificate(graduate, client_for):
    html = client_for(graduate).get("/").content.decode()
    code = Certificate.objects.get(user=graduate).code
    assert f"/training/certificates/{code}.pdf" in html
