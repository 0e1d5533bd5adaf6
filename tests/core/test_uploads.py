"""Uploads: one pixel and size limit for every image path, one allow-list of document
types, and nothing in "Root" that partners can read."""

import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from intranet.core.files import SHARED_COLLECTION, STAFF_COLLECTION


def _png(size=(40, 30), mode="RGB", name="foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.fixture(scope="module")
def bomb():
    """121 megapixels in a few kilobytes: the audit's decompression bomb."""
    upload = _png((11_000, 11_000), mode="1", name="bomba.png")
    assert upload.size < 100_000
    return upload.read()


@pytest.fixture
def root():
    return Collection.get_first_root_node()


def _admin_add_image(client, upload, collection):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Imagem", "file": upload, "collection": collection.pk, "tags": ""},
    )


@pytest.mark.django_db
def test_admin_refuses_an_image_over_40_megapixels(client_for, coordinator_user, bomb, root):
    response = _admin_add_image(
        client_for(coordinator_user), SimpleUploadedFile("bomba.png", bomb, "image/png"), root
    )
    assert response.status_code == 200
    assert "40000000" in response.content.decode().replace(".", "").replace(" ", "")
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_rich_text_upload_refuses_it_too(client_for, staff_user, bomb, root):
    response = client_for(staff_user).post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Bomba",
            "image-chooser-upload-file": SimpleUploadedFile("bomba.png", bomb, "image/png"),
            "image-chooser-upload-collection": root.pk,
            "image-chooser-upload-tags": "",
        },
    )
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_profile_photo_refuses_it_too(client_for, staff_user, bomb):
    client = client_for(staff_user)
    page = client.get("/people/me/edit/")
    assert page.status_code == 200
    response = client.post(
        "/people/me/edit/",
        {
            "display_name": "",
            "languages-TOTAL_FORMS": "0",
            "languages-INITIAL_FORMS": "0",
            "photo_upload": SimpleUploadedFile("bomba.png", bomb, "image/png"),
        },
    )
    assert 'id="id_photo_upload_error"' in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_images_over_the_size_limit_and_other_types(
    client_for, coordinator_user, root, settings
):
    client = client_for(coordinator_user)
    noise = SimpleUploadedFile(
        "grande.png", b"\x89PNG\r\n\x1a\n" + b"0" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
    )
    assert _admin_add_image(client, noise, root).status_code == 200
    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert _admin_add_image(client, svg, root).status_code == 200
    assert not Image.objects.exists()
    assert _admin_add_image(client, _png(), root).status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["pagina.html", "desenho.svg", "programa.exe", "script.js"])
def test_documents_outside_the_allow_list_are_refused(client_for, staff_user, root, name):
    response = client_for(staff_user).post(
        reverse("wagtaildocs:add"),
        {"title": "X", "file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


# --- "Root" and partners --------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_upload_to_root_is_staff_only(client_for, staff_user, partner_user, root):
    """The audit's case: staff upload with "Root" preselected; the partner tries the
    document by id and the image by file name."""
    staff = client_for(staff_user)
    response = staff.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Lista interna",
            "file": SimpleUploadedFile("lista.pdf", b"%PDF-1.4 interno"),
            "collection": root.pk,
        },
    )
    assert response.status_code == 302
    assert _admin_add_image(staff, _png(name="equipa.png"), root).status_code == 302
    document, image = Document.objects.get(), Image.objects.get()
    assert document.collection.name == image.collection.name == STAFF_COLLECTION
    assert not Document.objects.filter(collection=root).exists()

    document_url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    assert staff.get(document_url).status_code == 200
    assert staff.get(image.file.url).status_code == 200

    partner = client_for(partner_user)
    assert partner.get(document_url).status_code == 403
    assert partner.get(image.file.url).status_code == 403
    assert partner.get(image.get_rendition("width-20").url).status_code == 403


@pytest.mark.django_db
def test_partners_read_only_collections_opened_to_them(client_for, partner_user):
    shared = Collection.objects.get(name=SHARED_COLLECTION)
    other = Collection.get_first_root_node().add_child(name="Projetos")
    open_doc = Document.objects.create(
        title="Horários", file=ContentFile(b"%PDF-1.4", name="horarios.pdf"), collection=shared
    )
    closed_doc = Document.objects.create(
        title="Projeto", file=ContentFile(b"%PDF-1.4", name="projeto.pdf"), collection=other
    )
    partner = client_for(partner_user)
    assert partner.get(open_doc.url).status_code == 200
    assert partner.get(closed_doc.url).status_code == 403
