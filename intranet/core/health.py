"""What /healthz/ reports: the database answers, and background tasks are not piling up.

Without a running task worker (``manage.py db_worker``) e-mails and search-index updates
wait in the database queue silently; a task ready for more than ``TASK_BACKLOG_MINUTES``
(setting, default 15) makes the check say "degraded".
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Min, Q
from django.utils import timezone

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max


@dataclass
class Health:
    status: str  # "ok", "degraded" or "error"
    detail: str = ""

    @property
    def http_status(self) -> int:
        return 200 if self.status == "ok" else 503

    def body(self) -> str:
        return self.status if not self.detail else f"{self.status}: {self.detail}"


def task_backlog(minutes: int | None = None) -> tuple[int, object]:
    """(how many tasks have been ready to run for longer than ``minutes``, oldest time)."""
    minutes = minutes if minutes is not None else settings.TASK_BACKLOG_MINUTES
    cutoff = timezone.now() - timedelta(minutes=minutes)
    late = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
    )
    summary = late.aggregate(oldest=Min("enqueued_at"))
    return late.count(), summary["oldest"]


def check() -> Health:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        late, oldest = task_backlog()
    except DatabaseError:
        return Health("error", "the database does not answer")
    if late:
        return Health(
            "degraded",
            f"{late} background task(s) waiting for more than "
            f"{settings.TASK_BACKLOG_MINUTES} minutes (oldest queued {oldest.isoformat()}); "
            "is the task worker (manage.py db_worker) running?",
        )
    return Health("ok")
