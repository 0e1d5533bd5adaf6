"""A legal update's shared part (everything but the reader's confirmation) is rendered once
per access, language and day ({% shared_fragment %}): edits show on the next request, each
reader keeps their own confirmation, and a preview shows the draft."""

from django.test import Client, RequestFactory

import pytest

from intranet.legal.services import acknowledge
from tests.core.factories import StaffFactory

from .factories import LegalUpdatePageFactory, MustReadUpdateFactory


@pytest.mark.django_db
def test_an_edited_legal_update_shows_on_the_next_request(staff_user, legal_index):
    update = LegalUpdatePageFactory(title="Prazo alargado", summary="Resumo antigo.")
    client = Client()
    client.force_login(staff_user)
    assert "Resumo antigo." in client.get(update.url).content.decode()
    update.summary = "Resumo corrigido."
    update.save_revision().publish()
    html = client.get(update.url).content.decode()
    assert "Resumo corrigido." in html and "Resumo antigo." not in html
    successor = LegalUpdatePageFactory(title="Regime novo", supersedes=update)
    html = client.get(update.url).content.decode()
    assert 'data-testid="superseded-by"' in html and successor.title in html


@pytest.mark.django_db
def test_each_reader_keeps_their_own_confirmation(staff_user, coordinator_user, legal_index):

    update = MustReadUpdateFactory(title="Leitura obrigatória")
    reader, colleague = Client(), Client()
    reader.force_login(staff_user)
    colleague.force_login(StaffFactory(username="colega"))
    assert 'data-testid="acknowledge"' in colleague.get(update.url).content.decode()
    acknowledge(staff_user, update)
    assert 'data-testid="acknowledged"' in reader.get(update.url).content.decode()
    html = colleague.get(update.url).content.decode()
    assert 'data-testid="acknowledged"' not in html and 'data-testid="acknowledge"' in html


@pytest.mark.django_db
def test_a_draft_preview_shows_the_draft_and_the_page_the_published_text(
    coordinator_user, legal_index
):
    update = LegalUpdatePageFactory(title="Publicada", summary="Texto publicado.")
    client = Client()
    client.force_login(coordinator_user)
    assert "Texto publicado." in client.get(update.url).content.decode()  # kept
    update.summary = "Texto do rascunho."
    request = RequestFactory().get(update.url)
    request.user = coordinator_user
    preview = update.make_preview_request(request)
    preview.render()
    assert "Texto do rascunho." in preview.content.decode()
    html = client.get(update.url).content.decode()
    assert "Texto publicado." in html and "Texto do rascunho." not in html
