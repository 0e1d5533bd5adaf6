import datetime
import io

from django.core.management import call_command

import pytest
import time_machine

from intranet.people.models import Profile
from intranet.people.services import finder_queryset
from tests.people.factories import ProfileFactory, image_upload


@pytest.fixture
def leaver(db):
    from intranet.people.services import replace_photo

    person = ProfileFactory(
        username="saiu",
        first_name="Rodrigo",
        last_name="Falcão",
        phone="+351 937 100 113",
        email="rodrigo@pessoal.example",
        bio="Bio pessoal",
        pronouns="ele",
        job_title="Técnico",
    )
    replace_photo(person, image_upload(), person.user)
    return person


@pytest.mark.django_db
def test_coordinator_marks_someone_as_left_and_they_disappear(
    client_for, coordinator_user, staff_user, leaver
):
    client = client_for(coordinator_user)
    confirm = client.post("/people/saiu/leave/")
    assert confirm.status_code == 200
    assert 'data-testid="left-consequences"' in confirm.content.decode()
    leaver.refresh_from_db()
    assert leaver.is_active_member, "nothing happens before the confirmation"
    response = client.post("/people/saiu/leave/", {"confirm": "yes"})
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert not leaver.user.is_active, "their login stops"
    assert not leaver.is_active_member
    assert leaver.left_on is not None
    # hidden from staff: finder, profile page, vCard
    staff = client_for(staff_user)
    assert "Rodrigo Falcão" not in staff.get("/people/", {"q": "rodrigo"}).content.decode()
    assert staff.get("/people/saiu/").status_code == 404
    assert staff.get("/people/saiu.vcf").status_code == 404
    # a staff member cannot ask to see leavers
    assert "Rodrigo Falcão" not in staff.get("/people/", {"left": "on"}).content.decode()
    # coordinators see them on request
    client = client_for(coordinator_user)
    assert "Rodrigo Falcão" not in client.get("/people/").content.decode()
    content = client.get("/people/", {"left": "on"}).content.decode()
    assert "Rodrigo Falcão" in content
    assert 'data-testid="left-badge"' in content
    assert client.get("/people/saiu/").status_code == 200
    # and can bring them back
    client.post("/people/saiu/return/")
    assert [p.name for p in finder_queryset(query="rodrigo")] == ["Rodrigo Falcão"]
    leaver.user.refresh_from_db()
    assert leaver.user.is_active


@pytest.mark.django_db
def test_a_leaver_is_logged_out_and_their_tokens_stop(client_for, client, coordinator_user, leaver):
    from intranet.core.tokens import issue_token, user_for_token
    from intranet.people.services import colleagues, mark_as_left

    token = issue_token(leaver.user, "legal-feed").token
    client.force_login(leaver.user)
    assert client.get("/people/").status_code == 200
    assert leaver.user in colleagues()
    mark_as_left(leaver)
    assert client.get("/people/").status_code == 302  # session no longer accepted
    assert user_for_token("legal-feed", token) is None
    assert leaver.user not in colleagues()
    assert not client.login(username="saiu", password="test-password-123")


@pytest.mark.django_db
def test_returning_needs_a_new_log_in_old_sessions_stay_ended(client, leaver):
    from django.contrib.sessions.models import Session

    from intranet.people.services import mark_as_left, mark_as_returned

    client.force_login(leaver.user)
    other_device = type(client)()
    other_device.force_login(leaver.user)
    assert Session.objects.count() == 2
    mark_as_left(leaver)
    assert Session.objects.count() == 0
    mark_as_returned(leaver)
    for device in (client, other_device):
        response = device.get("/people/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_mark_left_needs_post(client_for, coordinator_user, leaver):
    assert client_for(coordinator_user).get("/people/saiu/leave/").status_code == 405


@pytest.mark.django_db
def test_retention_command_clears_contacts_after_the_period(settings, leaver):
    from wagtail.images.models import Image

    photo_pk = leaver.photo_id
    Profile.objects.filter(pk=leaver.pk).update(
        is_active_member=False, left_on=datetime.date(2025, 1, 10)
    )
    settings.PEOPLE_LEAVER_RETENTION_DAYS = 30
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2025, 2, 5, 12, tzinfo=datetime.UTC)):
        call_command("purge_leaver_contacts", stdout=out)  # 26 days: too soon
    assert "0 leaver" in out.getvalue()
    leaver.refresh_from_db()
    assert leaver.phone

    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2025, 2, 20, 12, tzinfo=datetime.UTC)):
        call_command("purge_leaver_contacts", stdout=out)
        assert "1 leaver" in out.getvalue()
        leaver.refresh_from_db()
        assert (leaver.phone, leaver.email, leaver.bio, leaver.pronouns) == ("", "", "", "")
        assert leaver.photo is None
        assert not Image.objects.filter(pk=photo_pk).exists()
        assert leaver.user.email == ""
        assert leaver.contacts_purged_on == datetime.date(2025, 2, 20)
        # what is needed for the records stays
        assert leaver.name == "Rodrigo Falcão"
        assert leaver.job_title == "Técnico"
        # idempotent
        out = io.StringIO()
        call_command("purge_leaver_contacts", stdout=out)
        assert "0 leaver" in out.getvalue()


@pytest.mark.django_db
def test_retention_days_option_and_active_people_untouched(leaver):
    active = ProfileFactory(
        username="fica", first_name="Fica", last_name="Cá", phone="+351 912 000 000"
    )
    Profile.objects.filter(pk=leaver.pk).update(
        is_active_member=False, left_on=datetime.date.today() - datetime.timedelta(days=10)
    )
    call_command("purge_leaver_contacts", "--days", "30", stdout=io.StringIO())
    leaver.refresh_from_db()
    assert leaver.phone  # within 30 days
    call_command("purge_leaver_contacts", "--days", "5", "--dry-run", stdout=io.StringIO())
    leaver.refresh_from_db()
    assert leaver.phone  # dry run
    call_command("purge_leaver_contacts", "--days", "5", stdout=io.StringIO())
    leaver.refresh_from_db()
    active.refresh_from_db()
    assert leaver.phone == ""
    assert active.phone == "+351 912 000 000"


@pytest.mark.django_db
def test_default_retention_is_a_year(settings, leaver):
    if hasattr(settings, "PEOPLE_LEAVER_RETENTION_DAYS"):
        del settings.PEOPLE_LEAVER_RETENTION_DAYS
    Profile.objects.filter(pk=leaver.pk).update(
        is_active_member=False, left_on=datetime.date.today() - datetime.timedelta(days=364)
    )
    call_command("purge_leaver_contacts", stdout=io.StringIO())
    leaver.refresh_from_db()
    assert leaver.phone
    Profile.objects.filter(pk=leaver.pk).update(
        left_on=datetime.date.today() - datetime.timedelta(days=366)
    )
    call_command("purge_leaver_contacts", stdout=io.StringIO())
    leaver.refresh_from_db()
    assert leaver.phone == ""
