"""Service gaps: staff propose, coordinators are told and follow the status trail; the
evidence is counted from the log and suppressed on the page, in the CSV, the printable
letter and its PDF; the letter is in Portuguese and signed by the network."""

import datetime
import io
import re

from django.core import mail
from django.utils import timezone, translation

import pytest
from pypdf import PdfReader

from intranet.core.reports.periods import add_months, day_label, month_start
from intranet.enquiries.models import Enquiry, NetworkContact, ServiceGap, ServiceGapEvent

from .factories import rows
from .reading import csv_rows, html_tables, number


@pytest.fixture
def gap_log(offices, providers):
    """Refusals at the Cuba health centre over the last six months: 9, 2, 0, 7, 0, 12."""
    this_month = month_start(timezone.localdate())
    counts = [9, 2, 0, 7, 0, 12]
    entries = []
    for k, n in enumerate(counts):
        month = add_months(this_month, k - 5)
        entries += rows(
            offices["cuba"],
            n,
            day=month,
            topic="health",
            outcome="refused",
            provider=providers["cs-cuba"],
        )
    # Not evidence: another outcome, another service.
    entries += rows(
        offices["cuba"], 6, day=this_month, outcome="answered", provider=providers["cs-cuba"]
    )
    entries += rows(
        offices["cuba"], 4, day=this_month, outcome="refused", provider=providers["aima"]
    )
    Enquiry.objects.bulk_create(entries)
    return add_months(this_month, -5), counts


def _propose(client, providers, start):
    return client.post(
        "/service-gaps/new/",
        {
            "provider": providers["cs-cuba"].pk,
            "title": "Recusa de inscrição sem título de residência",
            "description": "O secretariado clínico recusa o número de utente a quem não tem "
            "título de residência, embora a lei não o exija.",
            "period_start": start.isoformat(),
            "period_end": timezone.localdate().isoformat(),
            "outcomes": ["refused"],
            "topic": "health",
        },
    )


@pytest.mark.django_db
def test_staff_propose_a_gap_and_coordinators_are_told(
    login, staff_at_cuba, coordinator_user, providers, gap_log
):
    response = _propose(login(staff_at_cuba), providers, gap_log[0])
    gap = ServiceGap.objects.get()
    assert response["Location"] == f"/service-gaps/{gap.pk}/"
    assert (gap.status, gap.proposed_by, gap.office) == (
        "draft",
        staff_at_cuba,
        staff_at_cuba.profile.office,
    )
    assert list(gap.events.values_list("status", flat=True)) == ["draft"]
    assert [m.to for m in mail.outbox] == [[coordinator_user.email]]
    assert f"/service-gaps/{gap.pk}/" in mail.outbox[0].body
    panel = login(coordinator_user).get("/").content.decode()
    assert 'data-testid="waiting-gaps-proposed"' in panel and gap.title in panel


@pytest.mark.django_db
def test_a_gap_needs_a_sensible_period(login, staff_at_cuba, providers):
    client = login(staff_at_cuba)
    data = {
        "provider": providers["cs-cuba"].pk,
        "title": "x",
        "description": "y",
        "period_start": "2026-05-01",
        "period_end": "2026-04-01",
        "outcomes": ["refused"],
    }
    assert "period_end" in client.post("/service-gaps/new/", data).context["form"].errors
    data.update(period_start="2022-01-01", period_end="2026-04-01")
    assert "period_end" in client.post("/service-gaps/new/", data).context["form"].errors
    assert not ServiceGap.objects.exists()


@pytest.mark.django_db
def test_the_status_trail_is_dated_with_who_and_a_note(
    login, staff_at_cuba, coordinator_user, providers, gap_log
):
    _propose(login(staff_at_cuba), providers, gap_log[0])
    gap = ServiceGap.objects.get()
    status_url = f"/service-gaps/{gap.pk}/status/"
    assert login(staff_at_cuba).post(status_url, {"status": "raised"}).status_code == 403
    client = login(coordinator_user)
    # Not a step the trail allows from a draft.
    response = client.post(status_url, {"status": "resolved", "date": timezone.localdate()})
    assert "status" in response.context["status_form"].errors
    # The proposal is backdated; a step dated before the last one is refused.
    ServiceGapEvent.objects.filter(gap=gap).update(
        date=timezone.localdate() - datetime.timedelta(days=90)
    )
    too_early = timezone.localdate() - datetime.timedelta(days=91)
    response = client.post(status_url, {"status": "raised", "date": too_early.isoformat()})
    assert "date" in response.context["status_form"].errors
    first_raised = timezone.localdate() - datetime.timedelta(days=60)
    response = client.post(
        status_url, {"status": "raised", "date": first_raised.isoformat(), "note": "Carta enviada."}
    )
    assert response.status_code == 302
    no_answer = timezone.localdate() - datetime.timedelta(days=30)
    client.post(status_url, {"status": "no-response", "date": no_answer.isoformat(), "note": ""})
    gap.refresh_from_db()
    assert gap.status == "no-response"
    events = list(
        ServiceGapEvent.objects.filter(gap=gap).values_list("status", "by__username", "note")
    )
    assert events == [
        ("draft", staff_at_cuba.username, ""),
        ("raised", coordinator_user.username, "Carta enviada."),
        ("no-response", coordinator_user.username, ""),
    ]
    trail = client.get(f"/service-gaps/{gap.pk}/").content.decode()
    assert "Carta enviada." in trail and 'data-testid="gap-trail"' in trail
    # Raised again (a reminder): the dashboard counts the wait from then.
    again = timezone.localdate() - datetime.timedelta(days=20)
    client.post(status_url, {"status": "raised", "date": again.isoformat(), "note": "Lembrete."})
    panel = client.get("/").content.decode().split('data-testid="waiting-gaps-no-response"')[1]
    with translation.override("en"):
        assert f"since {day_label(again)}" in panel.split("</ul>")[0]


@pytest.mark.django_db
def test_the_evidence_is_counted_from_the_log_and_suppressed_everywhere(
    login, staff_at_cuba, coordinator_user, providers, gap_log
):
    _propose(login(staff_at_cuba), providers, gap_log[0])
    gap = ServiceGap.objects.get()
    client = login(coordinator_user)
    html = client.get(f"/service-gaps/{gap.pk}/").content.decode()
    table = html_tables(html)["gap-evidence"]
    counts = gap_log[1]
    shown = [number(row[1]) for row in table[1:-1]]
    for true, cell in zip(counts, table[1:-1], strict=True):
        if 0 < true < 5:
            assert cell[1] == "<5"
        elif number(cell[1]) is not None:
            assert number(cell[1]) == true
    assert number(table[-1][-1]) == sum(counts)
    # With the total shown, the small month needs a complement hidden too.
    assert shown.count(None) >= 2
    assert html_tables(html)["gap-evidence"] == [
        [*row] for row in csv_rows(client.get(f"/service-gaps/{gap.pk}/evidence.csv"))
    ]

    letter = client.get(f"/service-gaps/{gap.pk}/letter/").content.decode()
    # The letter is in Portuguese (its month names too); the counts are the page's.
    assert [row[1:] for row in html_tables(letter)["gap-evidence"][1:]] == [
        row[1:] for row in table[1:]
    ]
    pdf = client.get(f"/service-gaps/{gap.pk}/letter.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for row in table[1:]:
        for cell in row[1:]:
            assert cell in text
    for small in (2,):
        assert not re.search(rf"(?<![\d/]){small}(?![\d/])", _numbers_only(text, table)), small


def _numbers_only(text: str, table) -> str:
    """The PDF's evidence lines: from the table caption to the table's total row."""
    start = text.index("por mês e resultado")
    end = text.index("Total", start)
    return text[start:end]


@pytest.mark.django_db
def test_the_letter_is_in_portuguese_addressed_to_the_service_and_signed_by_the_network(
    login, staff_at_cuba, coordinator_user, providers, gap_log
):
    contact = NetworkContact.load()
    contact.signatory = "Marta Gonçalves, coordenadora"
    contact.save()
    _propose(login(staff_at_cuba), providers, gap_log[0])
    gap = ServiceGap.objects.get()
    client = login(coordinator_user, language="en")
    letter = client.get(f"/service-gaps/{gap.pk}/letter/").content.decode()
    assert 'lang="pt-PT"' in letter
    assert "Exmos. Senhores," in letter
    assert "Centro de Saúde de Cuba" in letter and "Rua do Centro de Saúde" in letter
    assert "Marta Gonçalves, coordenadora" in letter and contact.email in letter
    assert "Alert letter" in letter  # the page around the letter stays in English
    pdf = client.get(f"/service-gaps/{gap.pk}/letter.pdf")
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Exmos. Senhores," in text
    assert "Assunto: Recusa de inscrição sem título de residência" in text
    assert "Centro de Saúde de Cuba" in text
    assert "Rede Sem Fronteiras" in text and "266 948 010" in text
    assert "Marta Gonçalves, coordenadora" in text
    assert "de " + str(timezone.localdate().year) in text
    assert reader.metadata.title.startswith("Assunto:")


@pytest.mark.django_db
def test_only_coordinators_write_letters_and_staff_edit_only_their_own_draft(
    login, staff_at_cuba, staff_at_alcacovas, coordinator_user, providers, gap_log
):
    _propose(login(staff_at_cuba), providers, gap_log[0])
    gap = ServiceGap.objects.get()
    for user, expected in [(staff_at_cuba, 200), (staff_at_alcacovas, 403)]:
        client = login(user)
        assert client.get(f"/service-gaps/{gap.pk}/edit/").status_code == expected
        assert client.get(f"/service-gaps/{gap.pk}/letter/").status_code == 403
        assert client.get(f"/service-gaps/{gap.pk}/letter.pdf").status_code == 403
        page = client.get(f"/service-gaps/{gap.pk}/").content.decode()
        assert 'data-testid="gap-letter"' not in page
        assert 'data-testid="gap-status-form"' not in page
    ServiceGap.objects.filter(pk=gap.pk).update(status="raised")
    assert login(staff_at_cuba).get(f"/service-gaps/{gap.pk}/edit/").status_code == 403
    assert login(coordinator_user).get(f"/service-gaps/{gap.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_the_list_shows_open_gaps_and_resolved_ones_on_request(login, staff_user, providers):
    today = timezone.localdate()
    for title, status in [("Aberta", "raised"), ("Fechada", "resolved")]:
        ServiceGap.objects.create(
            provider=providers["aima"],
            title=title,
            description="…",
            period_start=today,
            period_end=today,
            status=status,
        )
    client = login(staff_user)
    page = client.get("/service-gaps/").content.decode()
    assert "Aberta" in page and "Fechada" not in page
    page = client.get("/service-gaps/?show=all").content.decode()
    assert "Aberta" in page and "Fechada" in page
