import io

from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command

import pytest
import time_machine

from intranet.legal.models import Acknowledgement, LegalUpdatePage
from tests.core.factories import StaffFactory


@pytest.mark.django_db
def test_demo_updates_are_realistic_idempotent_and_silent(client_for):
    extra = StaffFactory(username="rita")
    with time_machine.travel("2026-11-28 12:00", tick=False):
        call_command("load_demo", stdout=io.StringIO())
        updates = LegalUpdatePage.objects.live()
        first = (updates.count(), Acknowledgement.objects.count())
        call_command("load_demo", stdout=io.StringIO())
        assert (LegalUpdatePage.objects.count(), Acknowledgement.objects.count()) == first
        assert 12 <= first[0] <= 15
        assert len(mail.outbox) == 0  # loading demo data e-mails nobody

        superseded = [u for u in updates if u.effective_status == "superseded"]
        assert len(superseded) >= 3
        assert all(r.url.startswith("https://") for u in updates for r in u.legal_references.all())
        assert Acknowledgement.objects.filter(user=extra).exists()  # staff present at run time

        # The demo account "staff" has a recent must-read overdue (not one from years ago:
        # tests/core/test_demo.py loads the demo on a later day).
        demo_staff = User.objects.get(username="staff")
        html = client_for(demo_staff).get("/").content.decode()
        panel = html.split('data-testid="panel-legal-must-read"')[1].split("</section>")[0]
        assert 'data-testid="overdue"' in panel
        aima = updates.get(slug="aima-substitui-o-sef")
        assert "Decreto-Lei n.º 41/2023" in client_for(extra).get(aima.url).content.decode()
