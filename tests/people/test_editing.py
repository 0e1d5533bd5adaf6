import pytest

from intranet.people.models import Profile
from intranet.people.services import completeness, normalise_phone
from tests.people.factories import ProfileFactory, image_upload


def form_data(**overrides):
    data = {
        "display_name": "",
        "pronouns": "ela/dela",
        "job_title": "Técnica de apoio",
        "office": "",
        "phone": "912 345 678",
        "email": "joana@example.org",
        "start_date": "2024-02-01",
        "expertise": "habitação, AIMA",
        "bio": "Trabalho com famílias.",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "12",
        "languages-0-language": "ro",
        "languages-0-level": "fluent",
        "languages-1-language": "",
        "languages-1-level": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("912345678", "+351 912 345 678"),
        ("+351 912 345 678", "+351 912 345 678"),
        ("00351 266-123-456", "+351 266 123 456"),
        ("266 123 456", "+351 266 123 456"),
        ("+40 721 234 567", "+40721234567"),
        ("(+44) 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw", ["12345", "812345678", "+351 12 34", "abc", "+0 123 456 789", "9123456789"]
)
def test_bad_phone_numbers_are_refused(raw):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_phone(raw)


@pytest.mark.django_db
def test_staff_edit_their_own_profile(client_for, staff_user, office):
    client = client_for(staff_user)
    response = client.post("/people/me/edit/", form_data(office=office.pk))
    assert response.status_code == 302
    assert response["Location"] == f"/people/{staff_user.username}/"
    profile = Profile.objects.get(user=staff_user)
    assert profile.phone == "+351 912 345 678"
    assert profile.office == office
    assert sorted(t.name for t in profile.expertise.all()) == ["AIMA", "habitação"]
    assert [(lang.language, lang.level) for lang in profile.languages.all()] == [("ro", "fluent")]
    page = client.get(response["Location"]).content.decode()
    assert "Técnica de apoio" in page
    assert "Romanian" in page or "Romeno" in page
    assert "Fluent" in page or "Fluente" in page
    # The search keys follow the edit
    assert "romen" in profile.search_text or "romanian" in profile.search_text


@pytest.mark.django_db
def test_invalid_phone_gets_a_field_message_and_keeps_what_was_typed(client_for, staff_user):
    client = client_for(staff_user)
    response = client.post("/people/me/edit/", form_data(phone="12 34", bio="Texto que escrevi"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_phone_error"' in content
    assert 'aria-invalid="true"' in content
    assert "Texto que escrevi" in content
    assert 'value="12 34"' in content
    assert 'value="Técnica de apoio"' in content
    assert Profile.objects.get(user=staff_user).job_title == ""


@pytest.mark.django_db
def test_invalid_email_gets_a_field_message(client_for, staff_user):
    response = client_for(staff_user).post("/people/me/edit/", form_data(email="não é email"))
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()


@pytest.mark.django_db
def test_language_without_level_is_refused_on_the_row(client_for, staff_user):
    response = client_for(staff_user).post(
        "/people/me/edit/", form_data(**{"languages-0-level": ""})
    )
    assert response.status_code == 200
    assert 'id="id_languages-0-level_error"' in response.content.decode()


@pytest.mark.django_db
def test_photo_upload_goes_to_the_private_staff_collection(client_for, staff_user, partner_user):
    client = client_for(staff_user)
    response = client.post(
        "/people/me/edit/", {**form_data(), "photo_upload": image_upload("JPEG", "eu.jpg")}
    )
    assert response.status_code == 302
    profile = Profile.objects.select_related("photo__collection").get(user=staff_user)
    assert profile.photo.collection.name == "Fotografias da equipa"
    page = client.get(f"/people/{staff_user.username}/").content.decode()
    rendition = profile.photo.get_rendition("fill-160x160")
    assert rendition.url in page
    assert client.get(rendition.url).status_code == 200
    assert client_for(partner_user).get(rendition.url).status_code == 403
    # Replacing the photo removes the old image
    old_pk = profile.photo.pk
    client = client_for(staff_user)
    response = client.post(
        "/people/me/edit/", {**form_data(), "photo_upload": image_upload("WEBP", "b.webp")}
    )
    # the language row is already saved: a second "new" row for it is refused, no crash
    assert response.status_code == 200
    assert "already on your profile" in response.content.decode()
    kept = {
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "1",
        "languages-0-id": str(profile.languages.get().pk),
    }
    response = client.post(
        "/people/me/edit/", {**form_data(**kept), "photo_upload": image_upload("WEBP", "b.webp")}
    )
    assert response.status_code == 302
    from wagtail.images.models import Image

    assert not Image.objects.filter(pk=old_pk).exists()
    client.post("/people/me/edit/", {**form_data(**kept), "remove_photo": "on"})
    assert Profile.objects.get(user=staff_user).photo is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload,message",
    [
        ("big", "5.0\xa0MB"),
        ("text", "not an image"),
        ("gif", "JPEG, PNG or WebP"),
        ("fake_png", "not an image"),
    ],
)
def test_bad_photos_are_refused_with_a_field_message(client_for, staff_user, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = {
        "big": SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 10)),
        "text": SimpleUploadedFile("cv.jpg", b"<script>alert(1)</script>", "image/jpeg"),
        "gif": image_upload("GIF", "anim.gif"),
        "fake_png": SimpleUploadedFile("x.png", b"%PDF-1.4 not really", "image/png"),
    }
    response = client_for(staff_user).post(
        "/people/me/edit/", {**form_data(bio="Guardado?"), "photo_upload": files[upload]}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_photo_upload_error"' in content
    assert message in content
    assert "Guardado?" in content
    assert Profile.objects.get(user=staff_user).photo is None


@pytest.mark.django_db
def test_coordinator_edits_anyone_including_the_role(client_for, coordinator_user):
    person = ProfileFactory(username="outra", first_name="Rosa", last_name="Lopes")
    client = client_for(coordinator_user)
    page = client.get("/people/outra/edit/").content.decode()
    assert 'name="role"' in page
    response = client.post("/people/outra/edit/", form_data(role="mediator"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.role == "mediator"
    assert person.job_title == "Técnica de apoio"


@pytest.mark.django_db
def test_staff_cannot_change_their_own_role(client_for, staff_user):
    client = client_for(staff_user)
    assert 'name="role"' not in client.get("/people/me/edit/").content.decode()
    client.post("/people/me/edit/", form_data(role="coordinator"))
    assert Profile.objects.get(user=staff_user).role == "staff"


@pytest.mark.django_db
def test_completeness_lists_what_is_missing(client_for, staff_user, office):
    profile = Profile.objects.get(user=staff_user)
    result = completeness(profile)
    # the account email counts as a contact email
    assert result.percent == 12
    assert "a phone number" in result.missing
    assert "a contact email" not in result.missing
    client = client_for(staff_user)
    content = client.get("/people/me/edit/").content.decode()
    assert "12% complete" in content or "12%" in content
    assert "a phone number" in content or "um número de telefone" in content
    client.post(
        "/people/me/edit/",
        {**form_data(office=office.pk), "photo_upload": image_upload()},
    )
    profile = Profile.objects.get(user=staff_user)
    assert completeness(profile).percent == 100
    assert completeness(profile).missing == []


@pytest.mark.django_db
def test_dashboard_panel_invites_to_complete_the_profile(
    client_for, staff_user, partner_user, office
):
    client = client_for(staff_user)
    content = client.get("/").content.decode()
    assert 'data-testid="panel-complete-profile"' in content
    assert "/people/me/edit/" in content
    client.post("/people/me/edit/", {**form_data(office=office.pk), "photo_upload": image_upload()})
    assert 'data-testid="panel-complete-profile"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_small_file_with_a_huge_image_is_refused(client_for, staff_user):
    """A plain 48-megapixel PNG weighs a few kilobytes but would need ~150 MB per thumbnail."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("1", (8000, 6000)).save(buffer, "PNG")
    assert buffer.tell() < 2 * 1024 * 1024
    upload = SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")
    response = client_for(staff_user).post(
        "/people/me/edit/", {**form_data(bio="Guardado?"), "photo_upload": upload}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_photo_upload_error"' in content
    assert "40 megapixels" in content
    assert "Guardado?" in content
    assert Profile.objects.get(user=staff_user).photo is None


@pytest.mark.django_db
def test_photo_collection_recreated_after_deletion_stays_staff_only():
    from wagtail.models import Collection

    from intranet.people.services import PHOTO_COLLECTION, photo_collection

    Collection.objects.get(name=PHOTO_COLLECTION).delete()
    collection = photo_collection()
    restriction = collection.get_view_restrictions().get()
    assert set(restriction.groups.values_list("name", flat=True)) == {"Staff", "Coordinators"}
    assert photo_collection() == collection


@pytest.mark.django_db
def test_administrator_without_profile_page_gets_working_links(client_for, admin_user, office):
    """A superuser outside Staff/Coordinators has no profile page: the edit form must not
    link to one, and saving must not land on a 404."""
    client = client_for(admin_user)
    assert client.get(f"/people/{admin_user.username}/").status_code == 404
    response = client.get("/people/me/edit/")
    assert response.status_code == 200
    assert f'href="/people/{admin_user.username}/"' not in response.content.decode()
    assert 'href="/people/"' in response.content.decode()
    response = client.post(
        "/people/me/edit/", form_data(office=office.pk, role="staff"), follow=True
    )
    assert response.redirect_chain[-1][0] == "/people/me/edit/"
    assert Profile.objects.get(user=admin_user).phone == "+351 912 345 678"


@pytest.mark.django_db
def test_in_a_large_network_the_profile_office_is_typed(client_for, staff_user, office):
    from network.office_filter import SELECT_UP_TO
    from tests.network.factories import count_options, many_offices

    many_offices(SELECT_UP_TO)
    client = client_for(staff_user)
    page = client.get("/people/me/edit/").content.decode()
    assert count_options(page) <= SELECT_UP_TO
    assert 'data-testid="office-typed"' in page
    response = client.post("/people/me/edit/", form_data(office="alcáçovas"))
    assert response.status_code == 302
    assert Profile.objects.get(user=staff_user).office == office
    saved = {"languages-0-language": "", "languages-0-level": ""}  # Romanian is saved
    response = client.post(
        "/people/me/edit/", form_data(office="Posto de apoio", job_title="Jurista", **saved)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Several offices match “Posto de apoio”" in page
    assert 'value="Posto de apoio"' in page and 'value="Jurista"' in page
    page = client.post("/people/me/edit/", form_data(office="Nenhures", **saved)).content.decode()
    assert "No office matches “Nenhures”" in page
    assert Profile.objects.get(user=staff_user).office == office
