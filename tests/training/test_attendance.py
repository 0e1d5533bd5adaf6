"""The attendance register, self-study and keeping recorded hours."""

from decimal import Decimal

import pytest

from training import services
from training.models import Attendance, SelfStudyCompletion, TrainingSession

from .factories import BookingFactory, ModuleFactory, SessionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def register_post(session, lines):
    data = {
        "line-TOTAL_FORMS": str(len(lines)),
        "line-INITIAL_FORMS": str(len(lines)),
        "line-MIN_NUM_FORMS": "0",
        "line-MAX_NUM_FORMS": "1000",
        "save_register": "1",
    }
    for index, (user, status, hours) in enumerate(lines):
        data[f"line-{index}-user_id"] = str(user.pk)
        data[f"line-{index}-status"] = status
        data[f"line-{index}-hours"] = hours
    return data


@pytest.fixture
def booked(past_session, staff_user):
    BookingFactory(session=past_session, user=staff_user)
    return past_session


def test_coordinator_records_attendance_with_default_hours(
    booked, staff_user, coordinator_user, client_for
):
    client = client_for(coordinator_user)
    page = client.get(f"/training/sessions/{booked.pk}/attendance/")
    assert page.status_code == 200
    assert staff_user.get_full_name() in page.content.decode()

    response = client.post(
        f"/training/sessions/{booked.pk}/attendance/",
        register_post(booked, [(staff_user, "present", "")]),
        follow=True,
    )

    assert "Presenças guardadas" in response.content.decode()
    attendance = Attendance.objects.get(session=booked, user=staff_user)
    assert attendance.hours == Decimal("3.00")
    assert attendance.walk_in is False
    assert attendance.recorded_by == coordinator_user
    assert services.ledger_for(staff_user).total == Decimal("3.00")


def test_late_with_fewer_hours_and_absent_credits_nothing(booked, staff_user, coordinator_user):
    services.record_attendance(booked, staff_user, "late", Decimal("2.5"), coordinator_user)
    assert services.ledger_for(staff_user).total == Decimal("2.5")
    services.record_attendance(booked, staff_user, "absent", None, coordinator_user)
    assert services.ledger_for(staff_user).total == 0
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "maior ou igual a 0"),
        ("3.5", "não podem exceder a duração"),
    ],
)
def test_bad_hours_get_a_clear_message_and_nothing_is_saved(
    booked, staff_user, coordinator_user, client_for, hours, message
):
    response = client_for(coordinator_user).post(
        f"/training/sessions/{booked.pk}/attendance/",
        register_post(booked, [(staff_user, "present", hours)]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{hours}"' in html  # what was typed is kept
    assert not Attendance.objects.exists()


def test_service_refuses_negative_or_excess_hours(booked, staff_user, coordinator_user):
    for hours in (Decimal("-0.5"), Decimal("3.01")):
        with pytest.raises(services.TrainingError):
            services.record_attendance(booked, staff_user, "present", hours, coordinator_user)
    with pytest.raises(services.TrainingError):
        services.record_attendance(booked, staff_user, "absent", Decimal("1"), coordinator_user)
    assert not Attendance.objects.exists()


def test_walk_in_is_recorded_as_such(past_session, coordinator_user, client_for):
    walker = StaffFactory(first_name="Paula", last_name="Moura")
    response = client_for(coordinator_user).post(
        f"/training/sessions/{past_session.pk}/attendance/",
        {
            "add_walk_in": "1",
            "walkin-user": walker.pk,
            "walkin-status": "present",
            "walkin-hours": "",
        },
        follow=True,
    )
    attendance = Attendance.objects.get(user=walker)
    assert attendance.walk_in is True
    assert attendance.hours == Decimal("3.00")
    html = response.content.decode()
    assert "Paula Moura" in html and "sem inscrição" in html


def test_cancelled_session_takes_no_attendance(module, staff_user, coordinator_user):
    session = SessionFactory(module=module, days=-1, status=TrainingSession.Status.CANCELLED)
    with pytest.raises(services.TrainingError):
        services.record_attendance(session, staff_user, "present", None, coordinator_user)


@pytest.mark.parametrize("role", ["staff", "partner"])
def test_staff_and_partners_cannot_open_the_register(role_users, client_for, booked, role):
    client = client_for(role_users[role])
    assert client.get(f"/training/sessions/{booked.pk}/attendance/").status_code == 403
    assert client.post(f"/training/sessions/{booked.pk}/attendance/", {}).status_code == 403
    assert not Attendance.objects.exists()


def test_self_study_is_credited_once_however_often_clicked(module, staff_user, client_for):
    client = client_for(staff_user)
    for _ in range(3):
        response = client.post(f"/training/modules/{module.pk}/self-study/", follow=True)
    assert response.status_code == 200
    assert "Já tinha registado" in response.content.decode()
    assert SelfStudyCompletion.objects.filter(user=staff_user).count() == 1
    assert services.ledger_for(staff_user).total == Decimal("2")
    page = client.get(module.url).content.decode()
    assert 'data-testid="self-study-done"' in page


def test_module_without_self_study_refuses_it(staff_user):
    module = ModuleFactory(face_to_face_hours=Decimal("3"), self_study_hours=Decimal("0"))
    with pytest.raises(services.TrainingError):
        services.complete_self_study(staff_user, module)


def test_module_with_recorded_hours_cannot_be_deleted(module, staff_user, admin_user, client_for):
    services.complete_self_study(staff_user, module)
    client = client_for(admin_user)
    response = client.post(f"/admin/pages/{module.pk}/delete/", follow=True)
    assert "não pode ser apagado" in response.content.decode()
    assert type(module).objects.filter(pk=module.pk).exists()
    assert services.ledger_for(staff_user).total == Decimal("2")


def test_session_with_attendance_cannot_be_deleted(booked, staff_user, admin_user, client_for):
    services.record_attendance(booked, staff_user, "present", None, admin_user)
    client = client_for(admin_user)
    response = client.post(
        f"/admin/snippets/training/trainingsession/delete/{booked.pk}/", follow=True
    )
    assert "não pode ser apagada" in response.content.decode()
    assert TrainingSession.objects.filter(pk=booked.pk).exists()
    assert services.ledger_for(staff_user).total == Decimal("3.00")


def test_session_without_hours_can_be_deleted(session, admin_user, client_for):
    client = client_for(admin_user)
    client.post(f"/admin/snippets/training/trainingsession/delete/{session.pk}/")
    assert not TrainingSession.objects.filter(pk=session.pk).exists()


def test_attendance_waits_for_the_session_to_start(
    session, staff_user, coordinator_user, client_for
):
    with pytest.raises(services.TrainingError):
        services.record_attendance(session, staff_user, "present", None, coordinator_user)
    client = client_for(coordinator_user)
    assert (
        'data-testid="not-started"'
        in client.get(f"/training/sessions/{session.pk}/attendance/").content.decode()
    )
    response = client.post(
        f"/training/sessions/{session.pk}/attendance/",
        {"add_walk_in": "1", "walkin-user": staff_user.pk, "walkin-status": "present"},
        follow=True,
    )
    assert "depois de a sessão começar" in response.content.decode()
    assert not Attendance.objects.exists()


def test_register_posted_with_a_stale_list_is_shown_again(
    booked, staff_user, coordinator_user, client_for
):
    BookingFactory(session=booked)
    data = register_post(booked, [(staff_user, "bogus", "")])  # one line; two people now
    response = client_for(coordinator_user).post(
        f"/training/sessions/{booked.pk}/attendance/", data
    )
    assert response.status_code == 200
    assert not Attendance.objects.exists()
