import io

from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from intranet.core.demo import DEMO_PASSWORD


def _counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"core", "people", "legal", "knowledge", "network", "training", "auth", "wagtailcore"}
        | {"enquiries"}
        and not model._meta.label.startswith(
            ("wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry")
        )
    }


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(settings):
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    for username in ["admin", "coordinator", "staff", "partner"]:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser
    assert Page.objects.filter(slug="sobre-a-rede").count() == 1


@pytest.mark.django_db
def test_demo_accounts_have_their_roles(client):
    call_command("load_demo", stdout=io.StringIO())
    client.login(username="partner", password=DEMO_PASSWORD)
    assert client.get("/training/").status_code == 403
    client.login(username="staff", password=DEMO_PASSWORD)
    assert client.get("/training/").status_code == 200


@pytest.mark.django_db
def test_load_demo_refuses_production_settings(settings):
    settings.INTRANET_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
    assert not User.objects.filter(username="staff").exists()


@pytest.mark.django_db
def test_the_demo_looks_current_on_any_day_it_is_loaded():
    """Loaded long after it was written, the demo still has sessions ahead, must-reads due
    soon, and nothing overdue since years ago; a second load that day changes nothing."""
    import datetime

    from django.utils import timezone

    import time_machine

    from intranet.legal.models import Acknowledgement, LegalUpdatePage
    from intranet.people.services import colleagues
    from training.models import TrainingSession

    with time_machine.travel("2028-05-10 12:00", tick=False):
        call_command("load_demo", stdout=io.StringIO())
        first = _counts()
        call_command("load_demo", stdout=io.StringIO())
        assert _counts() == first
        today = timezone.localdate()
        now = timezone.now()
        ahead = TrainingSession.objects.filter(starts_at__gt=now)
        assert ahead.exists()
        assert ahead.order_by("starts_at").first().starts_at < now + datetime.timedelta(days=21)
        assert TrainingSession.objects.filter(starts_at__lt=now, attendances__isnull=False).exists()
        team = colleagues().count()
        overdue_since = []
        for update in LegalUpdatePage.objects.live().filter(must_acknowledge=True):
            read = Acknowledgement.objects.filter(page=update, epoch=update.ack_epoch).count()
            if update.acknowledge_by < today and read < team:
                overdue_since.append(update.acknowledge_by)
        assert overdue_since  # the demo shows some overdue reading…
        assert min(overdue_since) > today - datetime.timedelta(weeks=6)  # …and recent
        due_soon = LegalUpdatePage.objects.filter(
            must_acknowledge=True, acknowledge_by__gte=today
        ).order_by("acknowledge_by")
        assert due_soon.first().acknowledge_by < today + datetime.timedelta(days=30)
