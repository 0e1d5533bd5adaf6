from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from training.models import Booking, TrainingSession
from training.tasks import send_session_reminder


class Command(BaseCommand):
    help = (
        "Email everyone booked on a training session that takes place tomorrow. "
        "Run daily from cron; a booking is reminded once, however often this runs."
    )

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + timedelta(days=1)
        zone = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(tomorrow, time.min), zone)
        end = start + timedelta(days=1)
        sent = 0
        bookings = Booking.objects.filter(
            status=Booking.Status.BOOKED,
            reminder_sent_at__isnull=True,
            session__status=TrainingSession.Status.SCHEDULED,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        ).values_list("pk", flat=True)
        for booking_id in list(bookings):
            with transaction.atomic():
                # Claim the booking first, so two overlapping runs never both send.
                claimed = Booking.objects.filter(
                    pk=booking_id, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=timezone.now())
            if claimed:
                send_session_reminder.enqueue(booking_id)
                sent += 1
        self.stdout.write(f"Sent {sent} training session reminder(s) for {tomorrow:%Y-%m-%d}.")
