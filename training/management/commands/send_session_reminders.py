from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from intranet.people.services import colleagues
from training import notifications
from training.models import Booking, TrainingSession


class Command(BaseCommand):
    help = (
        "Email everyone booked on a training session that takes place tomorrow. "
        "Run daily from cron; each person is reminded of a session once, however often "
        "this runs (the notification record is the dedup)."
    )

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + timedelta(days=1)
        zone = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(tomorrow, time.min), zone)
        end = start + timedelta(days=1)
        bookings = Booking.objects.filter(
            status=Booking.Status.BOOKED,
            user__in=colleagues().values("pk"),
            session__status=TrainingSession.Status.SCHEDULED,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        ).select_related("user", "session")
        sent = sum(1 for booking in bookings if notifications.session_reminder(booking))
        self.stdout.write(f"Sent {sent} training session reminder(s) for {tomorrow:%Y-%m-%d}.")
