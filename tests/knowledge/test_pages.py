"""Knowledge base pages as readers meet them: who sees what, the folder listing, the blocks."""

import io

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from PIL import Image as PILImage

from intranet.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeBaseIndexPage,
    KnowledgeSectionPage,
)
from tests.core.factories import StaffFactory

from .factories import KnowledgeArticlePageFactory, KnowledgeSectionPageFactory


class KnowledgePageTypesTest(WagtailPageTestCase):
    """The tree cannot be misused, and editors can create, edit and preview articles."""

    def setUp(self):
        self.user = self.login()
        self.index = KnowledgeBaseIndexPage.objects.get()
        self.section = KnowledgeSectionPageFactory(title="Habitação", slug="habitacao")
        # Owners are people who work in the network; the administrator editing is not one.
        self.owner = StaffFactory()
        self.article = KnowledgeArticlePageFactory(
            parent=self.section,
            title="Arrendamento",
            summary="Contratos e recibos.",
            owner=self.owner,
        )

    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(KnowledgeBaseIndexPage, {KnowledgeSectionPage})
        self.assertAllowedSubpageTypes(KnowledgeSectionPage, {KnowledgeArticlePage})
        self.assertAllowedSubpageTypes(KnowledgeArticlePage, set())
        self.assertAllowedParentPageTypes(KnowledgeArticlePage, {KnowledgeSectionPage})
        self.assertAllowedParentPageTypes(KnowledgeSectionPage, {KnowledgeBaseIndexPage})
        self.assertCanNotCreateAt(KnowledgeBaseIndexPage, KnowledgeArticlePage)

    def test_pages_render_edit_and_preview(self):
        article_data = nested_form_data(
            {
                "title": "Arrendamento",
                "slug": "arrendamento",
                "summary": "Contratos e recibos.",
                "body": streamfield([("paragraph", rich_text("<p>Texto.</p>"))]),
                "owner": str(self.owner.pk),
                "review_by": "2030-01-31",
                "tags": "",
                "comments": inline_formset([]),
            }
        )
        for page in (self.index, self.section, self.article):
            self.assertPageIsRenderable(page, user=self.user)
        for page in (self.index, self.section):
            self.assertPageIsEditable(page)
            self.assertPageIsPreviewable(page)
        self.assertPageIsEditable(self.article, post_data=article_data)
        self.assertPageIsPreviewable(self.article, post_data=article_data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("staff", 200), ("coordinator", 200), ("admin", 200), ("partner", 403)],
)
def test_who_can_read_the_knowledge_base(client_for, role_users, role, expected, section):
    article = KnowledgeArticlePageFactory(parent=section, title="Matrícula escolar")
    client = client_for(role_users[role])
    for url in ["/knowledge-base/", "/knowledge-base/imigracao/", article.url]:
        assert client.get(url).status_code == expected, url


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client, section):
    article = KnowledgeArticlePageFactory(parent=section, title="Matrícula escolar")
    response = client.get(article.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_partners_see_neither_drafts_nor_live_articles_anywhere(
    client_for, partner_user, staff_user, section
):
    live = KnowledgeArticlePageFactory(parent=section, title="Habitação", summary="Apoio à renda")
    draft = KnowledgeArticlePageFactory(parent=section, title="Rascunho secreto", live=False)
    staff_search = client_for(staff_user).get("/search/", {"q": "renda"}).content.decode()
    assert "Habitação" in staff_search
    client = client_for(partner_user)
    assert client.get(live.url).status_code == 403
    assert client.get(f"/admin/pages/{draft.pk}/view_draft/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{live.pk}/edit/").status_code in (302, 403)
    response = client.get("/search/", {"q": "renda"})
    assert response.status_code == 200
    assert "Habitação" not in response.content.decode()
    assert client.get("/knowledge-base/following/").status_code == 403


@pytest.mark.django_db
def test_staff_do_not_see_drafts_on_the_site(client_for, staff_user, section):
    draft = KnowledgeArticlePageFactory(parent=section, title="Rascunho", live=False)
    assert client_for(staff_user).get("/knowledge-base/imigracao/rascunho/").status_code == 404
    html = client_for(staff_user).get("/knowledge-base/imigracao/").content.decode()
    assert draft.title not in html


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "blue").save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name="mapa.png")


@pytest.mark.django_db
def test_article_renders_every_block(client_for, staff_user, kb_index, section):
    from django.core.files.base import ContentFile

    private = Collection.objects.get(name="Documentos internos")
    document = Document.objects.create(
        title="Formulário de pedido",
        file=ContentFile(b"%PDF-1.4 x", name="f.pdf"),
        collection=private,
    )
    image = Image.objects.create(title="Mapa", file=_png(), description="Mapa do concelho")
    article = KnowledgeArticlePageFactory(
        parent=section,
        title="Autorização de residência",
        owner=staff_user,
        tags=["aima"],
        body=[
            ("heading", {"text": "Antes de começar", "level": "h2"}),
            ("paragraph", "<p>Texto introdutório.</p>"),
            ("callout", {"kind": "warning", "title": "Atenção", "text": "<p>Prazos curtos.</p>"}),
            (
                "procedure",
                {
                    "title": "Passos",
                    "steps": [
                        {"title": "Reunir documentos", "detail": "<p>Passaporte.</p>"},
                        {"title": "Agendar", "detail": ""},
                    ],
                },
            ),
            (
                "questions",
                {
                    "title": "Dúvidas",
                    "items": [{"question": "Quanto custa?", "answer": "<p>Taxa.</p>"}],
                },
            ),
            ("document", {"document": document, "description": "Versão de 2026"}),
            ("image", {"image": image, "caption": "Onde fica"}),
            (
                "table",
                {
                    "caption": "Prazos",
                    "header": ["Pedido", "Prazo"],
                    "rows": [["Renovação", "30 dias"]],
                },
            ),
            ("related_pages", {"title": "Ver também", "pages": [kb_index]}),
        ],
    )
    html = client_for(staff_user).get(article.url).content.decode()
    assert "<h2>Antes de começar</h2>" in html
    assert "callout--warning" in html and "Prazos curtos." in html
    assert '<ol class="kb-procedure__steps">' in html and "Reunir documentos" in html
    assert "<summary>Quanto custa?</summary>" in html
    assert f'href="{document.url}"' in html and "Formulário de pedido" in html
    assert 'alt="Mapa do concelho"' in html and "<figcaption>Onde fica</figcaption>" in html
    assert "<caption>Prazos</caption>" in html
    assert '<th scope="col">Prazo</th>' in html and '<th scope="row">Renovação</th>' in html
    assert 'href="/knowledge-base/"' in html and "Ver também" in html
    assert "Joana Simões" in html  # the owner
    assert "aima" in html


@pytest.mark.django_db
def test_section_lists_summary_owner_and_last_update(client_for, staff_user, section):
    KnowledgeArticlePageFactory(
        parent=section, title="NIF e NISS", owner=staff_user, summary="Os primeiros números."
    )
    html = client_for(staff_user).get("/knowledge-base/imigracao/").content.decode()
    assert "NIF e NISS" in html
    assert "Os primeiros números." in html
    assert "Joana Simões" in html


@pytest.mark.django_db
def test_section_sorts_by_title_and_date(client_for, staff_user, section):
    from django.utils import timezone

    KnowledgeArticlePageFactory(parent=section, title="Zebra")
    older = KnowledgeArticlePageFactory(parent=section, title="Alfa")
    Page.objects.filter(pk=older.pk).update(
        last_published_at=timezone.now() - timezone.timedelta(days=30)
    )
    client = client_for(staff_user)

    def order(**params):
        html = client.get("/knowledge-base/imigracao/", params).content.decode()
        return html.index(">Alfa<") < html.index(">Zebra<")

    assert order(sort="title") is True
    assert order(sort="-title") is False
    assert order(sort="-date") is False
    assert order(sort="date") is True
    assert order(sort="nonsense") is True


@pytest.mark.django_db
def test_section_filters_by_tag(client_for, staff_user, section):
    KnowledgeArticlePageFactory(parent=section, title="Escola", tags=["educação"])
    KnowledgeArticlePageFactory(parent=section, title="Renda", tags=["habitação"])
    from taggit.models import Tag

    client = client_for(staff_user)
    slug = Tag.objects.get(name="habitação").slug
    html = client.get("/knowledge-base/imigracao/", {"tag": slug}).content.decode()
    assert ">Renda<" in html and ">Escola<" not in html
    html = client.get("/knowledge-base/imigracao/", {"tag": "inexistente"}).content.decode()
    assert "Nenhum artigo tem esta palavra-chave." in html


@pytest.mark.django_db
def test_section_listing_is_paginated(client_for, staff_user, section):
    for number in range(22):
        KnowledgeArticlePageFactory(parent=section, title=f"Artigo {number:02d}")
    client = client_for(staff_user)
    first = client.get("/knowledge-base/imigracao/").content.decode()
    assert "Artigo 19" in first and "Artigo 20" not in first
    second = client.get("/knowledge-base/imigracao/", {"page": 2}).content.decode()
    assert "Artigo 20" in second and "Artigo 21" in second


@pytest.mark.django_db
def test_section_listing_queries_do_not_grow_with_articles(
    client_for, staff_user, coordinator_user, section
):
    client = client_for(staff_user)

    def count():
        client.get("/knowledge-base/imigracao/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/knowledge-base/imigracao/").status_code == 200
        return len(queries)

    KnowledgeArticlePageFactory(parent=section, title="Um", owner=staff_user, tags=["a"])
    few = count()
    for number in range(6):
        KnowledgeArticlePageFactory(
            parent=section, title=f"Mais {number}", owner=coordinator_user, tags=[f"t{number}", "b"]
        )
    assert count() == few
