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
