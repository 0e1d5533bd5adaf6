"""The legal index's cards are cached for everyone (intranet.legal.services.index_listing);
each reader's own "acknowledged" marks go in over them, and a change shows at once."""

from django.test import Client

import pytest

from intranet.legal.services import acknowledge

from .factories import LegalUpdatePageFactory, MustReadUpdateFactory


def _html(client, query=""):
    return client.get("/legal-updates/" + query).content.decode()


@pytest.mark.django_db
def test_each_reader_sees_their_own_marks_over_the_shared_cards(
    staff_user, coordinator_user, legal_index
):
    update = MustReadUpdateFactory(title="Leitura obrigatória")
    staff, coordinator = Client(), Client()
    staff.force_login(staff_user)
    coordinator.force_login(coordinator_user)
    assert 'data-testid="acknowledged"' not in _html(staff)
    assert 'data-testid="acknowledged"' not in _html(coordinator)  # both cached now
    acknowledge(staff_user, update)
    assert 'data-testid="acknowledged"' in _html(staff)
    coordinator_html = _html(coordinator)
    assert 'data-testid="acknowledged"' not in coordinator_html
    assert 'data-testid="must-read"' in coordinator_html or 'data-testid="overdue"' in (
        coordinator_html
    )
    assert "<!--legal-ack:" not in coordinator_html


@pytest.mark.django_db
def test_published_edited_and_unpublished_updates_show_on_the_next_request(
    client_for, staff_user, legal_index
):
    client = client_for(staff_user)
    first = LegalUpdatePageFactory(title="Primeira atualização")
    assert "Primeira atualização" in _html(client)
    LegalUpdatePageFactory(title="Segunda atualização")
    assert "Segunda atualização" in _html(client)
    first.title = "Primeira, corrigida"
    first.save_revision().publish()
    html = _html(client)
    assert "Primeira, corrigida" in html and "Primeira atualização" not in html
    first.unpublish()
    assert "Primeira, corrigida" not in _html(client)
