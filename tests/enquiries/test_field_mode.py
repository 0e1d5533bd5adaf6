"""Field mode's server side: the sync endpoint that receives entries kept on a phone
without a signal (idempotent per device-made id, CSRF and session like any form, network
staff only, staff only for their own office), and the forms' own device-made id."""

import json
import uuid

from django.test import Client

import pytest

from intranet.enquiries.models import Enquiry, OutreachVisit
from intranet.enquiries.views.field_mode import MAX_ENTRIES
from tests.core.factories import PASSWORD, CoordinatorFactory, StaffFactory

from .factories import OutreachVisitFactory, form_data

SYNC = "/enquiries/sync/"


def _entry(office, kind="enquiry", client_id=None, **fields):
    data = form_data(office, **fields) if kind == "enquiry" else _visit_data(office, **fields)
    return {
        "client_id": client_id or str(uuid.uuid4()),
        "kind": kind,
        "data": {
            name: value if isinstance(value, list) else [str(value)] for name, value in data.items()
        },
    }


def _visit_data(office, **fields):
    data = {
        "date": form_data(office)["date"],
        "office": office.pk,
        "municipality": office.municipality,
        "place_kind": "workplace",
        "people_reached": "8",
        "topics": ["employment", "housing"],
    }
    data.update(fields)
    return data


def _sync(client, *entries, **headers):
    return client.post(
        SYNC, json.dumps({"entries": list(entries)}), content_type="application/json", **headers
    )


def _statuses(response):
    return [result["status"] for result in response.json()["results"]]


@pytest.mark.django_db
def test_an_entry_sent_twice_is_stored_once(login, staff_at_alcacovas, offices):
    client = login(staff_at_alcacovas)
    entry = _entry(offices["alcacovas"], topic="health", subtopic="sns-number")
    first = _sync(client, entry)
    assert first.status_code == 200
    assert _statuses(first) == ["created"]
    stored = Enquiry.objects.get()
    assert str(stored.client_id) == entry["client_id"]
    assert (stored.author, stored.topic, stored.subtopic) == (
        staff_at_alcacovas,
        "health",
        "sns-number",
    )
    assert first.json()["results"][0]["url"] == f"/enquiries/{stored.pk}/"

    # The connection dropped before the phone heard the answer: it sends everything again.
    again = _sync(client, entry, _entry(offices["alcacovas"]))
    assert _statuses(again) == ["existing", "created"]
    assert Enquiry.objects.filter(client_id=entry["client_id"]).count() == 1
    assert Enquiry.objects.count() == 2
    assert again["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_refused_entry_comes_back_with_the_forms_reasons(login, staff_at_alcacovas, offices):
    client = login(staff_at_alcacovas, language="en")
    good = _entry(offices["alcacovas"])
    with_phone = _entry(offices["alcacovas"], note="Ligar-lhe para o 912 345 678 amanhã")
    no_topic = _entry(offices["alcacovas"], topic="")
    response = _sync(client, good, with_phone, no_topic)
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created", "refused", "refused"]
    assert results[1]["client_id"] == with_phone["client_id"]
    assert any(m.startswith("Note:") and "phone number" in m for m in results[1]["errors"])
    assert any(m.startswith("Topic:") for m in results[2]["errors"])
    assert Enquiry.objects.count() == 1

    # Corrected on the phone and sent again with the same id: now it is stored.
    with_phone["data"]["note"] = ["Volta na segunda-feira."]
    assert _statuses(_sync(client, with_phone)) == ["created"]


@pytest.mark.django_db
def test_staff_are_refused_for_another_office_coordinators_are_not(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas, language="en")
    response = _sync(client, _entry(offices["cuba"]), _entry(offices["cuba"], kind="visit"))
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["refused", "refused"]
    for result in results:
        assert "Office: You can log entries only for your own office." in result["errors"]
    assert not Enquiry.objects.exists() and not OutreachVisit.objects.exists()

    client = login(CoordinatorFactory())
    assert _statuses(_sync(client, _entry(offices["cuba"]))) == ["created"]


@pytest.mark.django_db
def test_someone_elses_device_id_is_refused_not_overwritten(login, staff_at_alcacovas, offices):
    colleague = StaffFactory(office=offices["alcacovas"])
    entry = _entry(offices["alcacovas"])
    assert _statuses(_sync(login(colleague), entry)) == ["created"]
    entry["data"]["topic"] = ["health"]
    entry["data"]["subtopic"] = [""]
    response = _sync(login(staff_at_alcacovas, language="en"), entry)
    assert _statuses(response) == ["refused"]
    assert "already in use" in response.json()["results"][0]["errors"][0]
    assert Enquiry.objects.get().author == colleague


@pytest.mark.django_db
def test_visits_and_the_enquiries_logged_during_them(login, staff_at_alcacovas, offices):
    client = login(staff_at_alcacovas)
    visit = _entry(offices["alcacovas"], kind="visit")
    assert _statuses(_sync(client, visit)) == ["created"]
    stored = OutreachVisit.objects.get()
    assert sorted(stored.topics.values_list("topic", flat=True)) == ["employment", "housing"]
    assert _statuses(_sync(client, visit)) == ["existing"]

    during = _entry(offices["alcacovas"])
    during["data"]["visit"] = [str(stored.pk)]
    assert _statuses(_sync(client, during)) == ["created"]
    assert Enquiry.objects.get().outreach_visit == stored


@pytest.mark.django_db
def test_the_sync_needs_the_csrf_token_and_a_session(staff_at_alcacovas, offices):
    client = Client(enforce_csrf_checks=True)
    entry = _entry(offices["alcacovas"])
    assert _sync(client, entry).status_code == 403  # no CSRF token
    token = client.get("/accounts/login/").cookies["csrftoken"].value
    response = _sync(client, entry, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302  # a token but no session: to the login page
    assert response["Location"].startswith("/accounts/login/")
    assert client.login(username=staff_at_alcacovas.username, password=PASSWORD)
    assert _sync(client, entry).status_code == 403  # a session but no CSRF token
    token = client.get("/enquiries/new/").cookies["csrftoken"].value
    response = _sync(client, entry, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200 and _statuses(response) == ["created"]
    assert client.get(SYNC).status_code == 405


@pytest.mark.django_db
def test_partners_cannot_sync(login, partner_user, offices):
    response = _sync(login(partner_user), _entry(offices["alcacovas"]))
    assert response.status_code == 403
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps([]),
        json.dumps({"entries": "x"}),
        json.dumps({"entries": [{}] * (MAX_ENTRIES + 1)}),
    ],
)
def test_bad_bodies_get_a_sentence_not_an_error_page(login, staff_at_alcacovas, body):
    response = login(staff_at_alcacovas, language="en").post(
        SYNC, body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.django_db
def test_a_form_post_to_the_sync_gets_a_sentence(login, staff_at_alcacovas, offices):
    response = login(staff_at_alcacovas).post(SYNC, form_data(offices["alcacovas"]))
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_bad_entries_are_refused_one_by_one(login, staff_at_alcacovas, offices):
    client = login(staff_at_alcacovas, language="en")
    good = _entry(offices["alcacovas"])
    bad = [
        "text",
        {"client_id": "not-a-uuid", "kind": "enquiry", "data": good["data"]},
        {"client_id": str(uuid.uuid4()), "kind": "gap", "data": good["data"]},
        {"client_id": str(uuid.uuid4()), "kind": "enquiry", "data": {"note": [{"x": 1}]}},
        {"client_id": str(uuid.uuid4()), "kind": "enquiry", "data": {"note": ["a\x00b"]}},
        {"kind": "enquiry", "data": good["data"]},
    ]
    response = _sync(client, *bad, good)
    assert _statuses(response) == ["refused"] * len(bad) + ["created"]
    assert all(r["errors"] for r in response.json()["results"][:-1])
    assert Enquiry.objects.count() == 1


@pytest.mark.django_db
def test_the_form_posted_twice_with_its_device_id_stores_one_entry(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas, language="en")
    data = form_data(offices["alcacovas"], client_id=str(uuid.uuid4()))
    first = client.post("/enquiries/new/", data, follow=True)
    assert "Enquiry saved" in first.content.decode()
    second = client.post("/enquiries/new/", data, follow=True)
    assert "already been saved" in second.content.decode()
    assert Enquiry.objects.count() == 1

    visit = {**_visit_data(offices["alcacovas"]), "client_id": str(uuid.uuid4())}
    client.post("/enquiries/outreach/new/", visit)
    response = client.post("/enquiries/outreach/new/", visit, follow=True)
    assert "already been saved" in response.content.decode()
    assert OutreachVisit.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_form_keeps_its_device_id_so_the_phone_drops_its_copy(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas, language="en")
    client_id = str(uuid.uuid4())
    response = client.post(
        "/enquiries/new/",
        form_data(offices["alcacovas"], note="NIF 123456789", client_id=client_id),
    )
    assert response.status_code == 200
    assert f'name="client_id" value="{client_id}"' in response.content.decode()
    # An id someone else used is refused with a sentence, and the form gets a new one.
    OutreachVisitFactory(office=offices["alcacovas"])
    taken = Enquiry.objects.create(
        office=offices["alcacovas"],
        author=StaffFactory(),
        date=form_data(offices["alcacovas"])["date"],
        channel="office",
        topic="housing",
        outcome="answered",
        client_id=uuid.uuid4(),
    )
    response = client.post(
        "/enquiries/new/", form_data(offices["alcacovas"], client_id=str(taken.client_id))
    )
    page = response.content.decode()
    assert "already in use" in page
    assert 'name="client_id" value=""' in page
    assert Enquiry.objects.count() == 1


@pytest.mark.django_db
def test_the_forms_say_they_work_offline_and_carry_the_waiting_list(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas, language="en")
    for url in ["/enquiries/new/", "/enquiries/outreach/new/"]:
        page = client.get(url).content.decode()
        assert 'data-testid="field-mode-hint"' in page
        assert "data-field-form" in page and 'data-testid="field-queue"' in page
        assert 'id="field-queue-texts"' in page
    # Changing an entry is done online, on the server's form: no offline queue there.
    enquiry = Enquiry.objects.create(
        office=offices["alcacovas"],
        author=staff_at_alcacovas,
        date=form_data(offices["alcacovas"])["date"],
        channel="office",
        topic="housing",
        outcome="answered",
    )
    assert "data-field-form" not in client.get(f"/enquiries/{enquiry.pk}/edit/").content.decode()
