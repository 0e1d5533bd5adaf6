"""The private document library: who can download, and what may be uploaded."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.models import Collection

import pytest

from .factories import KnowledgeArticlePageFactory


@pytest.fixture
def private_document(db):
    return Document.objects.create(
        title="Lista de verificação",
        file=ContentFile(b"%PDF-1.4 lista", name="lista.pdf"),
        collection=Collection.objects.get(name="Documentos internos"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"), [("staff", 200), ("coordinator", 200), ("partner", 403)]
)
def test_private_documents_by_role(client_for, role_users, private_document, role, expected):
    response = client_for(role_users[role]).get(private_document.url)
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_for_documents(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator", "partner", "admin"])
def test_no_one_gets_documents_through_a_direct_media_url(
    client_for, role_users, private_document, role
):
    assert (
        client_for(role_users[role]).get(f"/media/{private_document.file.name}").status_code == 404
    )


@pytest.mark.django_db
def test_article_links_its_document_through_the_protected_url(
    client_for, staff_user, private_document, section
):
    article = KnowledgeArticlePageFactory(
        parent=section,
        title="Com anexo",
        body=[("document", {"document": private_document, "description": ""})],
    )
    html = client_for(staff_user).get(article.url).content.decode()
    assert f'href="/documents/{private_document.pk}/' in html
    assert "/media/" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def _upload(client, name, content, collection):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": str(collection.pk),
            "tags": "",
        },
    )


@pytest.mark.django_db
def test_staff_upload_an_allowed_document_into_the_private_collection(client_for, staff_user):
    private = Collection.objects.get(name="Documentos internos")
    response = _upload(client_for(staff_user), "guia.pdf", b"%PDF-1.4 guia", private)
    assert response.status_code == 302
    assert Document.objects.get(title="guia.pdf").collection == private


@pytest.mark.django_db
def test_uploads_of_the_wrong_type_are_refused(client_for, staff_user):
    private = Collection.objects.get(name="Documentos internos")
    response = _upload(client_for(staff_user), "programa.exe", b"MZ\x90\x00", private)
    assert response.status_code == 200
    assert not Document.objects.exists()
    assert "exe" in response.content.decode()


@pytest.mark.django_db
def test_uploads_over_the_size_limit_are_refused(client_for, staff_user, settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    private = Collection.objects.get(name="Documentos internos")
    too_big = b"%PDF-1.4 " + b"0" * (10 * 1024 * 1024)
    response = _upload(client_for(staff_user), "enorme.pdf", too_big, private)
    assert response.status_code == 200
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_partners_cannot_reach_the_document_admin(client_for, partner_user):
    assert client_for(partner_user).get("/admin/documents/").status_code in (302, 403)
