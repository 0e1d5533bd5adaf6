from django.core.management.base import BaseCommand

from training.services.certificates import issue_due_certificates


class Command(BaseCommand):
    help = (
        "Issue the certificate of everyone whose hours have reached the programme's target "
        "and who has none yet, dated when they reached it. Certificates are issued when "
        "hours are recorded; run this once after upgrading from a version that issued them "
        "when the progress page was viewed. Safe to run again: it issues nothing twice."
    )

    def handle(self, *args, **options):
        issued = issue_due_certificates()
        for certificate in issued:
            self.stdout.write(f"  {certificate.full_name}: {certificate.code}")
        self.stdout.write(f"Issued {len(issued)} training certificate(s).")
