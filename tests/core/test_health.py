"""/healthz/: "ok", or "degraded" (503) when background tasks wait with no worker."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from intranet.core.notifications import notify  # noqa: F401 - registers the e-mail task


@pytest.fixture
def database_tasks(settings):
    """The production task backend: tasks wait in the database for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queue_a_task():
    from wagtail.tasks import delete_file_from_storage_task

    delete_file_from_storage_task.enqueue(
        ("django.core.files.storage.FileSystemStorage", [], {}), "nothing.txt"
    )


@pytest.mark.django_db
def test_ok_when_nothing_waits(client):
    response = client.get(reverse("healthz"))
    assert (response.status_code, response.content) == (200, b"ok")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_degraded_when_a_task_waits_more_than_fifteen_minutes(client, database_tasks):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _queue_a_task()
        assert client.get(reverse("healthz")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert client.get(reverse("healthz")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.content.decode()
    assert body.startswith("degraded: 1 background task(s) waiting for more than 15 minutes")
    assert "db_worker" in body


# The worker closes its database connection between tasks: a transactional test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_clears_the_backlog(client, database_tasks):
    from django.core.management import call_command

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _queue_a_task()
    with time_machine.travel(start + dt.timedelta(minutes=20), tick=False):
        assert client.get(reverse("healthz")).status_code == 503
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=None)
        assert client.get(reverse("healthz")).status_code == 200
