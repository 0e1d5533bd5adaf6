"""Script typed into any text field is shown as text: escaped in HTML, inert in vCard/CSV."""

import csv
import io

import pytest
import vobject

from intranet.people.models import Profile
from tests.people.factories import ProfileFactory

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEXT_FIELDS = ["display_name", "job_title", "bio"]


@pytest.fixture
def hostile(db):
    person = ProfileFactory(
        username="hostil",
        first_name=PAYLOAD,
        last_name=PAYLOAD,
        expertise=[PAYLOAD[:90]],
        **dict.fromkeys(TEXT_FIELDS, PAYLOAD),
        pronouns=PAYLOAD[:40],
    )
    Profile.objects.filter(pk=person.pk).update(email="x@example.org")
    return person


def _assert_escaped(content: str):
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/people/", "/people/?q=script", "/people/hostil/", "/people/hostil/edit/"],
)
def test_payload_never_renders_unescaped(client_for, coordinator_user, hostile, url):
    content = client_for(coordinator_user).get(url).content.decode()
    _assert_escaped(content)


@pytest.mark.django_db
def test_payload_typed_in_the_form_is_saved_as_text_and_shown_escaped(client_for, staff_user):
    client = client_for(staff_user)
    data = {
        "display_name": PAYLOAD,
        "pronouns": PAYLOAD[:40],
        "job_title": PAYLOAD,
        "phone": "",
        "email": "",
        "office": "",
        "start_date": "",
        "expertise": '"<b>bold</b>", <script>x</script>',
        "bio": PAYLOAD,
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
    }
    assert client.post("/people/me/edit/", data).status_code == 302
    for url in [f"/people/{staff_user.username}/", "/people/"]:
        _assert_escaped(client.get(url).content.decode())
    dashboard = client.get("/").content.decode()
    assert "<script>alert" not in dashboard
    # and with a validation error, the redisplayed form escapes it too
    response = client.post("/people/me/edit/", {**data, "phone": "nope"})
    _assert_escaped(response.content.decode())


@pytest.mark.django_db
def test_vcard_and_csv_carry_the_text_verbatim(client_for, coordinator_user, hostile):
    client = client_for(coordinator_user)
    card = vobject.readOne(client.get("/people/hostil.vcf").content.decode())
    assert card.fn.value == PAYLOAD
    assert card.note.value == PAYLOAD
    rows = list(
        csv.reader(io.StringIO(client.get("/people/export.csv").content.decode("utf-8-sig")))
    )
    hostile_row = next(row for row in rows if row[1] == "hostil")
    assert hostile_row[0] == PAYLOAD


@pytest.mark.django_db
def test_csv_neutralises_spreadsheet_formulas(client_for, coordinator_user):
    ProfileFactory(
        username="formula", first_name='=HYPERLINK("http://x")', last_name="", job_title="@SUM(1+1)"
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client_for(coordinator_user).get("/people/export.csv").content.decode("utf-8-sig")
            )
        )
    )
    row = next(row for row in rows if row[1] == "formula")
    assert row[0].startswith("'=")
    assert row[2].startswith("'@")
