"""Background work of the legal updates (django-tasks)."""

from django_tasks import task

from intranet.core.notifications import notify
from intranet.people.services import colleagues

from .notifications import PUBLISHED


@task()
def announce_update(page_id: int, round_number: int) -> int:
    """Tell everyone who works in the network today about a must-read update (or its new
    round): one e-mail per person and round, in their language. Returns how many."""
    key = f"page-{page_id}:round-{round_number}"
    return sum(
        notify(reader, PUBLISHED, {"page_id": page_id}, key=key)
        for reader in colleagues().exclude(email="").order_by("pk")
    )
