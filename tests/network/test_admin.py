"""Coordinators manage providers in the Wagtail admin, with revisions and the audit log;
opening hours are checked across rows."""

import datetime as dt

from django.contrib.auth.models import Group

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from network.models import ServiceProvider, SupportOfficePage
from network.models.hours import overlap_errors
from tests.network.factories import SupportOfficeFactory

ADD_URL = "/admin/snippets/network/serviceprovider/add/"


def _provider_form(hours, **overrides):
    data = {
        "name": "Centro de Saúde de Portel",
        "slug": "cs-portel",
        "category": "health-centre",
        "municipality": "Portel",
        "address": "Rua D. Nuno Álvares Pereira, 11",
        "phone": "266 619 100",
        "email": "cs.portel@ulsac.example",
        "website": "",
        "eligibility": "",
        "what_to_bring": "",
        "referral_note": "Pedir a enfermeira.",
        "opening_hours": inline_formset(
            [{"weekday": d, "opens": o, "closes": c} for d, o, c in hours]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_coordinators_group_can_manage_directory_snippets():
    codenames = set(
        Group.objects.get(name="Coordinators").permissions.values_list("codename", flat=True)
    )
    for model in ["serviceprovider", "partnerorganisation", "language"]:
        assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= codenames
    staff_codenames = Group.objects.get(name="Staff").permissions.values_list("codename", flat=True)
    assert "change_serviceprovider" not in staff_codenames


@pytest.mark.django_db
def test_coordinator_creates_a_provider_with_revision_and_log(coordinator_user, client_for):
    client = client_for(coordinator_user)
    response = client.post(ADD_URL, _provider_form([(0, "09:00", "12:30"), (0, "14:00", "17:30")]))
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = ServiceProvider.objects.get(slug="cs-portel")
    assert provider.opening_hours.count() == 2
    assert provider.revisions.count() == 1
    assert ModelLogEntry.objects.filter(
        object_id=str(provider.pk), action="wagtail.create", user=coordinator_user
    ).exists()
    edit = f"/admin/snippets/network/serviceprovider/edit/{provider.pk}/"
    response = client.post(edit, _provider_form([(0, "09:00", "12:30")], phone="266 619 199"))
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.phone == "266 619 199"
    assert provider.revisions.count() == 2
    assert ModelLogEntry.objects.filter(object_id=str(provider.pk), action="wagtail.edit").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hours", "overrides", "message"),
    [
        ([(1, "17:00", "09:00")], {}, "Closing time must be after opening time."),
        ([(1, "09:00", "13:00"), (1, "12:00", "15:00")], {}, "overlaps another one"),
        ([], {"phone": "12ab"}, "valid phone number"),
        ([], {"email": "not-an-email"}, "valid email"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    coordinator_user, client_for, settings, hours, overrides, message
):
    client = client_for(coordinator_user)
    client.cookies["django_language"] = "en"
    response = client.post(ADD_URL, _provider_form(hours, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Centro de Saúde de Portel" in html  # what was typed is kept
    assert not ServiceProvider.objects.exists()


@pytest.mark.django_db
def test_staff_cannot_edit_providers_in_the_admin(staff_user, client_for):
    client = client_for(staff_user)
    response = client.post(ADD_URL, _provider_form([(0, "09:00", "12:30")]))
    assert response.status_code in (302, 403)
    assert not ServiceProvider.objects.exists()


@pytest.mark.django_db
def test_office_page_edit_refuses_overlapping_hours(coordinator_user, client_for):
    office = SupportOfficeFactory(slug="gabinete-portel", title="Gabinete de Apoio de Portel")
    client = client_for(coordinator_user)
    client.cookies["django_language"] = "en"
    data = nested_form_data(
        {
            "title": office.title,
            "slug": office.slug,
            "municipality": "Portel",
            "host_organisation": "Câmara Municipal de Portel",
            "description": rich_text(""),
            "address": "",
            "phone": "",
            "email": "",
            "accessibility": "",
            "latitude": "",
            "longitude": "",
            "opening_hours": inline_formset(
                [
                    {"weekday": 2, "opens": "09:00", "closes": "13:00"},
                    {"weekday": 2, "opens": "10:00", "closes": "11:00"},
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{office.pk}/edit/", data)
    assert response.status_code == 200
    assert "overlaps another one" in response.content.decode()
    assert SupportOfficePage.objects.get(pk=office.pk).opening_hours.count() == 0


def test_overlap_rules():
    t = dt.time
    assert overlap_errors([(0, 0, t(9), t(12)), (1, 0, t(12), t(14))]) == {}
    assert set(overlap_errors([(0, 0, t(9), t(12)), (1, 0, t(11), t(14))])) == {1}
    assert overlap_errors([(0, 0, t(9), t(12)), (1, 1, t(11), t(14))]) == {}
    assert set(overlap_errors([(0, 3, t(12), t(9))])) == {0}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/network/serviceprovider/",
        ADD_URL,
        "/admin/snippets/network/partnerorganisation/add/",
        "/admin/snippets/network/language/",
    ],
)
def test_coordinator_opens_the_directory_admin(coordinator_user, client_for, url):
    assert client_for(coordinator_user).get(url).status_code == 200


@pytest.mark.django_db
def test_office_page_is_editable_and_tree_rules_hold(coordinator_user, client_for):
    from wagtail.models import Page

    from network.models import NetworkDirectoryPage

    office = SupportOfficeFactory(slug="gabinete-portel", title="Gabinete de Apoio de Portel")
    response = client_for(coordinator_user).get(f"/admin/pages/{office.pk}/edit/")
    assert response.status_code == 200
    assert "opening_hours-TOTAL_FORMS" in response.content.decode()
    assert NetworkDirectoryPage.allowed_subpage_models() == [SupportOfficePage]
    assert SupportOfficePage.allowed_subpage_models() == []
    assert SupportOfficePage.allowed_parent_page_models() == [NetworkDirectoryPage]
    assert not SupportOfficePage.can_create_at(Page.objects.get(depth=2))
