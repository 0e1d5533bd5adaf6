"""A person's training at a glance — hours ledger, next session, certificate — as the
progress page, the dashboard panel and the profile show it.

Kept in the cache per person, content generation and day (an attendance, booking, module
or certificate saved anywhere moves the generation on: intranet.core.caching), so opening
the page again costs no query. The next session is checked against the clock on every
read: once it has started, the summary is worked out again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from intranet.core.caching import keep, remember

from ..models import Booking, Certificate, TrainingModulePage, TrainingProgrammePage
from .booking import next_booking
from .ledger import Ledger, current_programme, ledger_for, programme_modules


@dataclass
class TrainingSummary:
    ledger: Ledger
    next_booking: Booking | None
    certificate: Certificate | None


def programme_and_modules(
    request=None,
) -> tuple[TrainingProgrammePage | None, list[TrainingModulePage]]:
    """The current programme and its modules, for pages that only read them: from the
    cache per content generation. (Issuing certificates reads them fresh.)"""

    def compute():
        programme = current_programme()
        return programme, programme_modules(programme)

    return remember("training:programme-modules", compute, request=request)


def training_summary(person, request=None) -> TrainingSummary | None:
    if not person.is_authenticated:
        return None

    def compute():
        programme, modules = programme_and_modules(request)
        return TrainingSummary(
            ledger=ledger_for(person, programme=programme, modules=modules),
            next_booking=next_booking(person),
            certificate=Certificate.objects.filter(user=person).first(),
        )

    key = f"training:summary:{person.pk}:{timezone.localdate()}"
    summary = remember(key, compute, request=request)
    upcoming = summary.next_booking
    if upcoming is not None and upcoming.session.starts_at <= timezone.now():
        summary = compute()  # the next session has begun since it was kept
        keep(key, summary, request=request)
    return summary
