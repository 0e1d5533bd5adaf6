import io

from django.core.files.images import ImageFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from intranet.core.roles import PARTNERS


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "green").save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name="mapa.png")


@pytest.fixture
def private_collection(db):
    return Collection.objects.get(name="Documentos internos")


@pytest.fixture
def images(private_collection):
    # Partners read only collections opened to them (intranet.core.files).
    shared = Collection.objects.get(name="Partilhado com os parceiros")
    public = Image.objects.create(title="Fachada", file=_png(), collection=shared)
    private = Image.objects.create(title="Interno", file=_png(), collection=private_collection)
    return public, private


@pytest.mark.django_db
def test_anonymous_gets_no_image(client, images):
    response = client.get(images[0].file.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_get_private_images_and_renditions(client_for, staff_user, images):
    client = client_for(staff_user)
    _public, private = images
    response = client.get(private.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    rendition = private.get_rendition("width-20")
    assert client.get(rendition.url).status_code == 200


@pytest.mark.django_db
def test_partner_gets_only_images_outside_private_collections(client_for, partner_user, images):
    client = client_for(partner_user)
    public, private = images
    assert client.get(public.file.url).status_code == 200
    assert client.get(private.file.url).status_code == 403
    rendition = private.get_rendition("width-20")
    assert client.get(rendition.url).status_code == 403


@pytest.mark.django_db
def test_documents_are_never_served_as_plain_media(client_for, staff_user, private_collection):
    from django.core.files.base import ContentFile

    document = Document.objects.create(
        title="Guia",
        file=ContentFile(b"%PDF-1.4 guia", name="guia.pdf"),
        collection=private_collection,
    )
    client = client_for(staff_user)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    response = client.get(document.url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_partner_cannot_download_private_documents(client_for, partner_user, private_collection):
    from django.core.files.base import ContentFile

    document = Document.objects.create(
        title="Guia",
        file=ContentFile(b"%PDF-1.4 guia", name="guia.pdf"),
        collection=private_collection,
    )
    assert partner_user.groups.filter(name=PARTNERS).exists()
    assert client_for(partner_user).get(document.url).status_code == 403


@pytest.mark.django_db
def test_media_path_traversal_is_refused(client_for, staff_user):
    assert client_for(staff_user).get("/media/original_images/../../etc/passwd").status_code == 404
