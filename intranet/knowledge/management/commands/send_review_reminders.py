from django.core.management.base import BaseCommand

from intranet.knowledge.services import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email the owners of knowledge base articles whose review date has passed. "
        "Fit for cron: an owner is reminded about an article at most once a day."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"Review reminders sent: {sent}")
