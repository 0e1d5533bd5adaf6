"""The profile form as a designed form: expertise written as people write it (chips in the
browser), readable empty choices for languages, one message per problem by its field.
(The people tests' client speaks English: see conftest.py.)"""

import re

import pytest

from intranet.people.models import Profile
from tests.people.test_editing import form_data


@pytest.mark.django_db
def test_expertise_shows_without_taggit_quoting_and_round_trips(client_for, staff_user):
    client = client_for(staff_user)
    response = client.post(
        "/people/me/edit/", form_data(expertise="reagrupamento familiar, AIMA, saúde mental")
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=staff_user)
    assert sorted(t.name for t in profile.expertise.all()) == [
        "AIMA",
        "reagrupamento familiar",
        "saúde mental",
    ]
    html = client.get("/people/me/edit/").content.decode()
    (value,) = re.findall(r'<input[^>]*name="expertise"[^>]*value="([^"]*)"', html)
    assert "&quot;" not in value and '"' not in value
    assert set(value.split(", ")) == {"AIMA", "reagrupamento familiar", "saúde mental"}
    # Sent back unchanged, it keeps the same three areas (no quotes turned into tags).
    no_new_language = {"languages-0-language": "", "languages-0-level": ""}
    response = client.post("/people/me/edit/", form_data(expertise=value, **no_new_language))
    assert response.status_code == 302
    assert profile.expertise.count() == 3


@pytest.mark.django_db
def test_language_rows_offer_a_readable_first_choice_and_one_empty_row(client_for, staff_user):
    html = client_for(staff_user).get("/people/me/edit/").content.decode()
    assert "---------" not in html
    assert "Choose a language" in html and "Choose a level" in html
    assert 'name="languages-TOTAL_FORMS" value="1"' in html
    # The row JavaScript copies is in an inert <template>, with the formset's placeholder.
    assert "<template data-row-template>" in html and "languages-__prefix__-language" in html
    assert '<script src="/static/js/profile-form.js" defer></script>' in html


@pytest.mark.django_db
def test_a_bad_photo_is_said_once_next_to_the_photo_field(client_for, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(staff_user).post(
        "/people/me/edit/",
        {**form_data(), "photo_upload": SimpleUploadedFile("cv.jpg", b"nope", "image/jpeg")},
    )
    html = response.content.decode()
    message = "This file is not an image we can read"
    assert html.count(message) == 1
    field = html[html.index('id="id_photo_upload_error"') - 200 : html.index('name="photo_upload"')]
    assert message in field
    # The summary links to the field instead of repeating the message or adding a banner.
    assert 'href="#id_photo_upload"' in html
    assert 'class="messages"' not in html
