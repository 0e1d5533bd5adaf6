"""On the list, "read" is a quiet tick (not a chip like the legal statuses), overdue
must-reads stand out, and a pending update says when it comes into force."""

import datetime

from django.utils import timezone

import pytest

from intranet.legal.models import LegalUpdatePage

from .factories import AcknowledgementFactory, LegalUpdatePageFactory, MustReadUpdateFactory


def card(html: str, title: str) -> str:
    start = html.index(title)
    start = html.rindex('data-testid="legal-update"', 0, start)
    return html[start : html.index("</article>", start)]


@pytest.mark.django_db
def test_read_overdue_and_pending_are_told_apart(client_for, staff_user, legal_index):
    today = timezone.localdate()
    read = MustReadUpdateFactory(title="Já lida")
    AcknowledgementFactory(user=staff_user, page=read)
    MustReadUpdateFactory(title="Em atraso", acknowledge_by=today - datetime.timedelta(days=3))
    MustReadUpdateFactory(title="Ainda a tempo", acknowledge_by=today + datetime.timedelta(days=9))
    LegalUpdatePageFactory(
        title="Ainda não em vigor",
        status=LegalUpdatePage.Status.PENDING,
        in_force_from=today + datetime.timedelta(days=60),
    )
    html = client_for(staff_user).get(legal_index.url).content.decode()

    done = card(html, "Já lida")
    assert 'data-testid="acknowledged"' in done
    assert 'class="badge">' not in done.split('data-testid="status"')[1]
    assert 'data-testid="overdue"' in card(html, "Em atraso")
    assert 'data-testid="must-read"' in card(html, "Ainda a tempo")
    assert 'data-testid="overdue"' not in card(html, "Ainda a tempo")
    pending = card(html, "Ainda não em vigor")
    assert "Pendente (ainda não em vigor)" in pending
    assert "Entra em vigor a" in pending and "Em vigor desde" not in pending
