"""The dashboard panel: must-read updates not yet acknowledged, overdue ones standing out."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from intranet.legal.models import Acknowledgement

from .factories import LegalUpdatePageFactory, MustReadUpdateFactory


def panel_html(client):
    html = client.get("/").content.decode()
    if 'data-testid="panel-legal-must-read"' not in html:
        return None
    return html.split('data-testid="panel-legal-must-read"')[1].split("</section>")[0]


@pytest.mark.django_db
def test_panel_lists_pending_must_reads_with_due_dates_overdue_first(client_for, staff_user):
    today = timezone.localdate()
    soon = MustReadUpdateFactory(
        title="Prazo a correr", acknowledge_by=today + datetime.timedelta(days=5)
    )
    late = MustReadUpdateFactory(
        title="Prazo ultrapassado", acknowledge_by=today - datetime.timedelta(days=3)
    )
    LegalUpdatePageFactory(title="Só informativa", must_acknowledge=False)
    old = MustReadUpdateFactory(title="Regra antiga")
    MustReadUpdateFactory(title="Regra nova", supersedes=old)
    client = client_for(staff_user)
    panel = panel_html(client)
    assert panel.index("Prazo ultrapassado") < panel.index("Prazo a correr")
    assert "Só informativa" not in panel
    assert "Regra antiga" not in panel  # replaced by a published successor
    overdue = panel.split('data-testid="overdue"')
    assert len(overdue) == 2 and "Prazo ultrapassado" in overdue[1]
    assert (soon.acknowledge_by.strftime("%d/%m/%Y")) in panel

    Acknowledgement.objects.create(user=staff_user, page=late, epoch=late.ack_epoch)
    panel = panel_html(client)
    assert "Prazo ultrapassado" not in panel
    assert "Prazo a correr" in panel


@pytest.mark.django_db
def test_panel_is_for_staff_only(client_for, role_users):
    MustReadUpdateFactory(title="Obrigatória")
    assert "Obrigatória" in panel_html(client_for(role_users["coordinator"]))
    response = client_for(role_users["partner"]).get("/", follow=True)
    assert "Obrigatória" not in response.content.decode()


@pytest.mark.django_db
def test_panel_queries_do_not_grow(client_for, staff_user):
    client = client_for(staff_user)
    for n in range(2):
        MustReadUpdateFactory(title=f"Obrigatória {n}")

    def count():
        cache.clear()  # the page as built, not from the cache (see test_query_budgets)
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        return len(ctx.captured_queries)

    count()
    few = count()
    for n in range(2, 14):
        MustReadUpdateFactory(title=f"Obrigatória {n}")
    assert count() == few


@pytest.mark.django_db
def test_panel_not_shown_to_a_bare_administrator(client_for, admin_user):
    """The acknowledgement report counts staff and coordinators only: an administrator
    account outside those groups is not told it is overdue."""
    MustReadUpdateFactory(title="Obrigatória")
    assert panel_html(client_for(admin_user)) is None


@pytest.mark.django_db
def test_panel_not_shown_to_someone_marked_as_having_left(client_for, staff_user):
    """Leaving normally ends the login; if someone re-opens it by hand, the person is still
    not asked to read anything."""
    from intranet.people.models import Profile

    MustReadUpdateFactory(title="Obrigatória")
    Profile.objects.filter(user=staff_user).update(is_active_member=False)
    assert panel_html(client_for(staff_user)) is None
