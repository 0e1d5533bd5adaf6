"""Logging an enquiry: defaults, validation, once per client id, the 7-day edit window and
coordinators' corrections with a trail, and who sees which entries."""

import datetime
import uuid

from django.utils import timezone

import pytest
import time_machine

from intranet.enquiries.models import Enquiry, EnquiryChange, OutreachVisit
from intranet.enquiries.services.log import CREATED, EXISTING, REFUSED, record_enquiry
from tests.core.factories import StaffFactory

from .factories import EnquiryFactory, days_ago, form_data


@pytest.mark.django_db
def test_the_form_starts_with_today_my_office_and_the_channel_i_used_last(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas)
    initial = client.get("/enquiries/new/").context["form"].initial
    assert initial["date"] == timezone.localdate()
    assert initial["office"] == offices["alcacovas"].pk
    assert initial["channel"] == "office"
    EnquiryFactory(
        office=offices["alcacovas"], author=staff_at_alcacovas, channel="phone", date=days_ago(3)
    )
    assert client.get("/enquiries/new/").context["form"].initial["channel"] == "phone"


@pytest.mark.django_db
def test_staff_can_only_log_for_their_own_office(login, staff_at_alcacovas, offices):
    client = login(staff_at_alcacovas)
    form = client.get("/enquiries/new/").context["form"]
    assert list(form.fields["office"].queryset) == [offices["alcacovas"]]
    response = client.post("/enquiries/new/", form_data(offices["cuba"]))
    assert response.status_code == 200
    assert "office" in response.context["form"].errors
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_a_saved_enquiry_is_in_the_log(login, staff_at_alcacovas, offices, providers):
    client = login(staff_at_alcacovas)
    data = form_data(
        offices["alcacovas"],
        channel="outreach-work",
        topic="health",
        subtopic="sns-number",
        provider=providers["cs-cuba"].pk,
        outcome="refused",
        people="3",
        follow_up="on",
        age_band="30-44",
        region="asia",
        note="Volta na segunda-feira às 9h30 com o contrato.",
    )
    response = client.post("/enquiries/new/", data)
    assert response.status_code == 302
    assert response["Location"] == "/enquiries/"
    saved = Enquiry.objects.get()
    assert (saved.author, saved.office, saved.provider) == (
        staff_at_alcacovas,
        offices["alcacovas"],
        providers["cs-cuba"],
    )
    assert (saved.people, saved.follow_up, saved.region) == (3, True, "asia")
    log = client.get("/enquiries/").content.decode()
    assert f'data-testid="enquiry-{saved.pk}"' in log
    assert "Health service user number" in log


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"topic": "housing", "subtopic": "sns-number"}, "subtopic"),
        ({"date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, "date"),
        ({"people": "0"}, "people"),
        ({"people": "31"}, "people"),
        ({"channel": None}, "channel"),
        ({"outcome": "maybe"}, "outcome"),
        ({"topic": None}, "topic"),
    ],
)
def test_bad_input_is_refused_with_a_message_on_the_field(
    login, staff_at_alcacovas, offices, fields, field
):
    response = login(staff_at_alcacovas).post(
        "/enquiries/new/", form_data(offices["alcacovas"], **fields)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_the_same_entry_sent_twice_is_stored_once(staff_at_alcacovas, offices, staff_at_cuba):
    """Field mode will send entries made offline with an id made on the phone."""
    client_id = uuid.uuid4()
    data = form_data(offices["alcacovas"])
    first = record_enquiry(staff_at_alcacovas, data, client_id=client_id)
    again = record_enquiry(staff_at_alcacovas, data, client_id=str(client_id))
    assert (first.status, again.status) == (CREATED, EXISTING)
    assert first.entry.pk == again.entry.pk
    assert Enquiry.objects.count() == 1
    stolen = record_enquiry(staff_at_cuba, form_data(offices["cuba"]), client_id=client_id)
    assert stolen.status == REFUSED and "client_id" in stolen.errors
    bad = record_enquiry(staff_at_alcacovas, data, client_id="not-a-uuid")
    assert bad.status == REFUSED
    refused = record_enquiry(
        staff_at_alcacovas, form_data(offices["alcacovas"], note="ana@example.org")
    )
    assert refused.status == REFUSED
    assert "e-mail address" in refused.errors["note"][0]
    assert Enquiry.objects.count() == 1


@pytest.mark.django_db
def test_the_author_changes_an_entry_for_seven_days_then_it_is_locked(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas)
    client.post("/enquiries/new/", form_data(offices["alcacovas"]))
    entry = Enquiry.objects.get()
    edit = f"/enquiries/{entry.pk}/edit/"
    response = client.post(edit, form_data(offices["alcacovas"], outcome="referred"))
    assert response.status_code == 302
    change = EnquiryChange.objects.get()
    assert change.changes == {"Outcome": ["Answered on the spot", "Referred to a service"]}
    assert not change.is_correction and change.changed_by == staff_at_alcacovas
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        client = login(staff_at_alcacovas)  # a week idle ends a session (SESSION_IDLE_TIMEOUT)
        assert client.get(edit).status_code == 403
        assert client.post(edit, form_data(offices["alcacovas"])).status_code == 403
        detail = client.get(f"/enquiries/{entry.pk}/").content.decode()
        assert 'data-testid="enquiry-locked"' in detail
        assert 'data-testid="enquiry-edit"' not in detail
    assert Enquiry.objects.get().outcome == "referred"


@pytest.mark.django_db
def test_a_colleague_cannot_change_someone_elses_entry(login, staff_at_alcacovas, offices):
    colleague = StaffFactory(username="colega.alc", office=offices["alcacovas"])
    entry = EnquiryFactory(office=offices["alcacovas"], author=staff_at_alcacovas)
    client = login(colleague)
    assert client.get(f"/enquiries/{entry.pk}/").status_code == 200
    assert client.get(f"/enquiries/{entry.pk}/edit/").status_code == 403


@pytest.mark.django_db
def test_coordinators_correct_a_locked_entry_with_a_reason_kept_in_the_trail(
    login, coordinator_user, staff_at_alcacovas, offices
):
    entry = EnquiryFactory(
        office=offices["alcacovas"], author=staff_at_alcacovas, topic="housing", subtopic="renting"
    )
    Enquiry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    client = login(coordinator_user)
    edit = f"/enquiries/{entry.pk}/edit/"
    assert "reason" in client.get(edit).context["form"].fields
    without_reason = form_data(offices["alcacovas"], topic="employment", subtopic="job-search")
    response = client.post(edit, without_reason)
    assert "reason" in response.context["form"].errors
    response = client.post(edit, {**without_reason, "reason": "A técnica escolheu o tema errado."})
    assert response.status_code == 302
    change = EnquiryChange.objects.get()
    assert change.is_correction and change.changed_by == coordinator_user
    assert change.changes["Topic"] == ["Housing", "Employment"]
    assert change.changes["Question"] == ["Renting a home", "Looking for work"]
    detail = client.get(f"/enquiries/{entry.pk}/").content.decode()
    assert "A técnica escolheu o tema errado." in detail
    assert 'data-testid="enquiry-trail"' in detail


@pytest.mark.django_db
def test_staff_read_their_own_offices_entries_and_coordinators_all(
    login, staff_at_alcacovas, staff_at_cuba, coordinator_user, offices
):
    here = EnquiryFactory(office=offices["alcacovas"], author=staff_at_cuba)
    there = EnquiryFactory(office=offices["cuba"], author=staff_at_cuba)
    client = login(staff_at_alcacovas)
    log = client.get("/enquiries/").content.decode()
    assert f"enquiry-{here.pk}" in log and f"enquiry-{there.pk}" not in log
    assert client.get(f"/enquiries/{there.pk}/").status_code == 404
    client = login(coordinator_user)
    log = client.get("/enquiries/").content.decode()
    assert f"enquiry-{here.pk}" in log and f"enquiry-{there.pk}" in log
    log = client.get(f"/enquiries/?office={offices['cuba'].pk}").content.decode()
    assert f"enquiry-{here.pk}" not in log and f"enquiry-{there.pk}" in log


@pytest.mark.django_db
def test_the_log_is_paginated_with_a_constant_number_of_queries(
    login, staff_at_alcacovas, offices, providers
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(staff_at_alcacovas)
    Enquiry.objects.bulk_create(
        [
            Enquiry(
                office=offices["alcacovas"],
                author=staff_at_alcacovas,
                date=days_ago(n % 300),
                channel="office",
                topic="health",
                outcome="referred",
                provider=providers["cs-cuba"],
            )
            for n in range(30)
        ]
    )
    client.get("/enquiries/")  # caches warmed (the site's root page, sections)
    with CaptureQueriesContext(connection) as few:
        client.get("/enquiries/")
    Enquiry.objects.bulk_create(
        [
            Enquiry(
                office=offices["alcacovas"],
                author=staff_at_alcacovas,
                date=days_ago(n % 300),
                channel="office",
                topic="housing",
                outcome="answered",
            )
            for n in range(300)
        ]
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/enquiries/?page=3")
    assert len(many) == len(few)
    assert len(response.context["page_obj"].object_list) == 25


@pytest.mark.django_db
def test_an_enquiry_logged_during_an_outreach_visit_is_linked_to_it(
    login, staff_at_alcacovas, offices
):
    client = login(staff_at_alcacovas)
    response = client.post(
        "/enquiries/outreach/new/",
        {
            "date": days_ago(1).isoformat(),
            "office": offices["alcacovas"].pk,
            "municipality": "Cuba",
            "place_kind": "workplace",
            "place": "Olival na apanha da azeitona",
            "people_reached": "25",
            "topics": ["employment", "housing"],
        },
    )
    visit = OutreachVisit.objects.get()
    assert response["Location"] == f"/enquiries/outreach/{visit.pk}/"
    assert sorted(visit.topics.values_list("topic", flat=True)) == ["employment", "housing"]
    form = client.get(f"/enquiries/new/?visit={visit.pk}").context["form"]
    assert form.initial["channel"] == "outreach-work"
    assert form.initial["date"] == visit.date
    data = form_data(offices["alcacovas"], date=visit.date.isoformat(), visit=visit.pk)
    response = client.post(f"/enquiries/new/?visit={visit.pk}", data)
    assert response["Location"] == f"/enquiries/outreach/{visit.pk}/"
    assert Enquiry.objects.get().outreach_visit == visit
    page = client.get(f"/enquiries/outreach/{visit.pk}/").content.decode()
    assert 'data-testid="visit-enquiries"' in page


@pytest.mark.django_db
def test_a_visit_of_another_office_is_not_reachable(
    login, staff_at_alcacovas, staff_at_cuba, offices
):
    visit = OutreachVisit.objects.create(
        date=days_ago(2),
        office=offices["cuba"],
        author=staff_at_cuba,
        municipality="Cuba",
        place_kind="leisure",
        people_reached=8,
    )
    client = login(staff_at_alcacovas)
    assert client.get(f"/enquiries/outreach/{visit.pk}/").status_code == 404
    assert client.get(f"/enquiries/new/?visit={visit.pk}").status_code == 404


@pytest.mark.django_db
def test_in_a_large_network_a_coordinator_types_the_office(login, coordinator_user, offices):
    from network.office_filter import SELECT_UP_TO
    from tests.network.factories import many_offices

    many_offices(SELECT_UP_TO)
    client = login(coordinator_user)
    page = client.get("/enquiries/new/").content.decode()
    assert '<select name="office"' not in page  # other selects list topics, services
    assert 'data-testid="office-typed"' in page
    response = client.post("/enquiries/new/", {**form_data(offices["cuba"]), "office": "cuba"})
    assert response.status_code == 302
    assert Enquiry.objects.get().office == offices["cuba"]
    for text, message in [
        ("Gabinete de Apoio", "Several offices match “Gabinete de Apoio”: choose one of"),
        ("Lisboa", "No office matches “Lisboa”"),
    ]:
        response = client.post(
            "/enquiries/new/", {**form_data(offices["cuba"], topic="health"), "office": text}
        )
        page = response.content.decode()
        assert response.status_code == 200 and message in page
        assert f'value="{text}"' in page
        assert response.context["form"]["topic"].value() == "health"  # the rest is kept
    assert Enquiry.objects.count() == 1


@pytest.mark.django_db
def test_in_a_large_network_staff_still_log_only_for_their_own_office(
    login, staff_at_alcacovas, offices
):
    from network.office_filter import SELECT_UP_TO
    from tests.network.factories import many_offices

    many_offices(SELECT_UP_TO)
    client = login(staff_at_alcacovas)
    form = client.get("/enquiries/new/").context["form"]
    assert list(form.fields["office"].queryset) == [offices["alcacovas"]]
    assert '<select name="office"' in str(form["office"])
    for office in [offices["cuba"].pk, "Cuba"]:
        response = client.post("/enquiries/new/", {**form_data(offices["cuba"]), "office": office})
        assert response.status_code == 200
        assert "office" in response.context["form"].errors
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_in_a_large_network_the_log_filters_by_a_typed_office(login, coordinator_user, offices):
    from network.office_filter import SELECT_UP_TO
    from tests.network.factories import count_options, many_offices

    many_offices(SELECT_UP_TO)
    there = EnquiryFactory(office=offices["cuba"])
    here = EnquiryFactory(office=offices["alcacovas"])
    client = login(coordinator_user)
    log = client.get("/enquiries/").content.decode()
    assert count_options(log) <= SELECT_UP_TO
    assert 'data-testid="office-filter-text"' in log
    log = client.get("/enquiries/", {"office_q": "cuba"}).content.decode()
    assert f"enquiry-{here.pk}" not in log and f"enquiry-{there.pk}" in log
    log = client.get("/enquiries/", {"office_q": "Gabinete de Apoio"}).content.decode()
    assert 'data-testid="office-matches"' in log
    assert f"enquiry-{here.pk}" in log and f"enquiry-{there.pk}" in log
