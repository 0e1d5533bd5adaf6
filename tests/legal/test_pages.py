"""The legal update page: what a reader sees, and where it may live in the tree."""

import datetime

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from intranet.legal.models import LegalReference, LegalUpdateIndexPage, LegalUpdatePage

from .factories import LegalUpdatePageFactory, MustReadUpdateFactory


class LegalTreeTests(WagtailPageTestCase):
    def test_updates_live_only_in_the_legal_section(self):
        self.assertAllowedSubpageTypes(LegalUpdateIndexPage, {LegalUpdatePage})
        self.assertAllowedParentPageTypes(LegalUpdatePage, {LegalUpdateIndexPage})
        self.assertAllowedSubpageTypes(LegalUpdatePage, set())
        self.assertCanCreateAt(LegalUpdateIndexPage, LegalUpdatePage)

    def test_update_renders_edits_and_previews(self):
        from django.contrib.auth.models import User

        admin = User.objects.create_superuser("raiz", "raiz@example.org", "x")
        page = LegalUpdatePage(title="Nova regra", slug="nova-regra", summary="Resumo.")
        LegalUpdateIndexPage.objects.get().add_child(instance=page)
        page.save_revision().publish()
        self.assertPageIsRenderable(page, user=admin)
        form_data = nested_form_data(
            {
                "title": "Nova regra",
                "slug": "nova-regra",
                "summary": "Resumo.",
                "body": streamfield([("paragraph", rich_text("<p>Olá</p>"))]),
                "status": "in_force",
                "tags": "",
                "legal_references": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        self.assertPageIsEditable(page, post_data=form_data, user=admin)
        self.assertPageIsPreviewable(page, post_data=form_data, user=admin)


@pytest.mark.django_db
def test_superseded_by_shows_on_the_old_update_without_editing_it(client_for, staff_user):
    old = LegalUpdatePageFactory(title="Regime transitório de 2023", status="in_force")
    revisions_before = old.revisions.count()
    new = LegalUpdatePageFactory(title="Regime de 2024", supersedes=old)
    html = client_for(staff_user).get(old.url).content.decode()
    block = html.split('data-testid="superseded-by"')[1].split("</div>")[0]
    assert new.url in block and "Regime de 2024" in block
    assert old.revisions.count() == revisions_before
    old.refresh_from_db()
    assert old.effective_status == "superseded"
    assert "Substituída" in html.split('data-testid="status"')[1][:80]
    new_html = client_for(staff_user).get(new.url).content.decode()
    assert old.url in new_html.split('data-testid="supersedes"')[1][:300]


@pytest.mark.django_db
def test_a_draft_successor_does_not_supersede_yet(client_for, staff_user):
    old = LegalUpdatePageFactory(title="Regime em vigor")
    LegalUpdatePageFactory(title="Regime futuro (rascunho)", supersedes=old, live=False)
    html = client_for(staff_user).get(old.url).content.decode()
    assert 'data-testid="superseded-by"' not in html
    assert "rascunho" not in html


@pytest.mark.django_db
def test_page_shows_summary_action_dates_references_and_topics(client_for, staff_user):
    page = LegalUpdatePageFactory(
        title="Autorização de residência CPLP",
        summary="Cidadãos da CPLP podem pedir autorização de residência simplificada.",
        action_required="Explicar o pedido no portal da AIMA.",
        in_force_from=datetime.date(2023, 3, 13),
        topics=["immigration-procedures"],
    )
    LegalReference.objects.create(
        page=page,
        kind="lei",
        number="18/2022",
        date=datetime.date(2022, 8, 25),
        article="artigo 75.º",
        url="https://data.dre.pt/eli/lei/18/2022/08/25/p/dre/pt/html",
    )
    html = client_for(staff_user).get(page.url).content.decode()
    assert "Cidadãos da CPLP podem pedir" in html
    assert "Explicar o pedido no portal da AIMA." in html
    refs = html.split('data-testid="references"')[1]
    assert "Lei n.º 18/2022, artigo 75.º" in refs
    assert 'href="https://data.dre.pt/eli/lei/18/2022/08/25/p/dre/pt/html"' in refs
    assert "Procedimentos de imigração" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"slug": "feed"}, "slug"),
        ({"must_acknowledge": True, "acknowledge_by": None}, "acknowledge_by"),
        (
            {
                "in_force_from": datetime.date(2025, 1, 2),
                "applicable_until": datetime.date(2025, 1, 1),
            },
            "applicable_until",
        ),
    ],
)
def test_bad_input_is_refused_on_the_field(legal_index, fields, error_field):
    page = LegalUpdatePage(title="X", summary="Y", **{"slug": "x", **fields})
    page.path, page.depth = legal_index.path + "ZZZZ", legal_index.depth + 1
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert error_field in raised.value.message_dict


@pytest.mark.django_db
def test_partners_never_see_legal_updates(client_for, partner_user):
    page = LegalUpdatePageFactory(title="Só para a equipa")
    client = client_for(partner_user)
    for url in (page.url, "/legal-updates/", "/legal-updates/my-feed/", "/legal-updates/report/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Só para a equipa" not in response.content.decode()
    search = client.get("/search/?q=equipa").content.decode()
    assert "Só para a equipa" not in search


@pytest.mark.django_db
def test_pages_speak_english_when_chosen(client_for, staff_user):
    page = MustReadUpdateFactory(title="Atualização", topics=["housing"])
    client = client_for(staff_user)
    client.cookies["django_language"] = "en"
    html = client.get(page.url).content.decode()
    assert "I have read this" in html and "Housing" in html
    index = client.get("/legal-updates/").content.decode()
    assert "Must read" in index and "Any status" in index
