""" "Waiting for me": every app adds what a coordinator has to pick up, with a count and a
link, to the dashboard and to the Wagtail admin's home page."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from intranet.enquiries.choices import GapStatus
from intranet.people.services import colleagues
from tests.core.factories import StaffFactory
from tests.enquiries.factories import ServiceGapFactory
from tests.knowledge.factories import KnowledgeArticlePageFactory
from tests.legal.factories import MustReadUpdateFactory
from tests.network.factories import ServiceProviderFactory
from tests.training.factories import BookingFactory, SessionFactory, TopicRequestFactory


@pytest.fixture
def work(db, staff_user):
    """Something of every kind waiting for a coordinator."""
    article = KnowledgeArticlePageFactory(title="Como pedir o NIF", owner=staff_user)
    article.get_workflow().start(article, staff_user)
    TopicRequestFactory(topic="Arrendamento jovem")
    held = SessionFactory(days=-3, title="Acolhimento em rede")
    BookingFactory(session=held, user=staff_user)
    MustReadUpdateFactory(acknowledge_by=timezone.localdate() - datetime.timedelta(days=2))
    provider = ServiceProviderFactory()
    proposed = ServiceGapFactory(
        provider=provider, status=GapStatus.DRAFT, title="Sem intérprete de ucraniano"
    )
    raised = [ServiceGapFactory(provider=provider, status=GapStatus.RAISED) for _ in range(2)]
    gaps = {"proposed": proposed, "raised": raised}
    return {"article": article, "session": held, "provider": provider, "gaps": gaps}


def waiting(html: str, key: str) -> str:
    start = html.index(f'data-testid="waiting-{key}"')
    end = html.find('class="waiting-list__item"', start)
    return html[start : end if end != -1 else html.index("</section>", start)]


@pytest.mark.django_db
def test_coordinator_dashboard_lists_what_is_waiting_with_counts_and_links(
    client_for, coordinator_user, staff_user, work
):
    html = client_for(coordinator_user).get("/").content.decode()
    # First on the dashboard.
    assert html.index('data-testid="panel-waiting"') < html.index('data-testid="panel-enquiries"')
    article = waiting(html, "articles-to-review")
    assert ">1<" in article
    assert reverse("wagtailadmin_pages:edit", args=[work["article"].pk]) in article
    assert ">1<" in waiting(html, "topic-requests")
    attendance = waiting(html, "attendance")
    assert reverse("training:attendance", args=[work["session"].pk]) in attendance
    assert "Acolhimento em rede" in attendance
    overdue = waiting(html, "overdue-acknowledgements")
    assert reverse("legal:report") in overdue
    # Everyone who works in the network has it overdue; the first few are named.
    assert f">{colleagues().count()}<" in overdue
    names = [user.get_full_name() for user in colleagues().order_by("first_name")[:4]]
    assert sum(name in overdue for name in names) == min(4, len(names))
    proposed = waiting(html, "gaps-proposed")
    assert ">1<" in proposed
    assert work["gaps"]["proposed"].title in proposed
    no_response = waiting(html, "gaps-no-response")
    assert ">2<" in no_response
    assert all(gap.title in no_response for gap in work["gaps"]["raised"])
    # Listed once: the waiting list is the only place, not also a panel of its own.
    assert html.count(work["gaps"]["proposed"].title) == 1
    assert 'data-testid="panel-service-gaps"' not in html


@pytest.mark.django_db
def test_recorded_attendance_and_triaged_requests_are_no_longer_waiting(
    client_for, coordinator_user, staff_user, work
):
    from tests.training.factories import AttendanceFactory
    from training.models import TopicRequest

    AttendanceFactory(session=work["session"], user=staff_user)
    TopicRequest.objects.update(status=TopicRequest.Status.PLANNED)
    html = client_for(coordinator_user).get("/").content.decode()
    assert 'data-testid="waiting-attendance"' not in html
    assert 'data-testid="waiting-topic-requests"' not in html


@pytest.mark.django_db
def test_a_coordinator_with_nothing_waiting_is_told_so(client_for, coordinator_user):
    html = client_for(coordinator_user).get("/").content.decode()
    assert 'data-testid="waiting-clear"' in html


@pytest.mark.django_db
def test_staff_see_no_coordinator_work(client_for, staff_user, work):
    html = client_for(staff_user).get("/").content.decode()
    assert 'data-testid="panel-waiting"' not in html


@pytest.mark.django_db
def test_the_admin_home_shows_the_same_list(client_for, coordinator_user, work):
    html = client_for(coordinator_user).get("/admin/").content.decode()
    assert 'data-testid="admin-waiting"' in html
    for key in ("articles-to-review", "topic-requests", "attendance", "gaps-no-response"):
        assert f'data-testid="admin-waiting-{key}"' in html


@pytest.mark.django_db
def test_waiting_costs_the_same_queries_with_more_work(client_for, coordinator_user, work):
    client = client_for(coordinator_user)

    def count():
        cache.clear()  # the page as built, not from the cache (see test_query_budgets)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    count()
    few = count()
    for n in range(6):
        person = StaffFactory()
        session = SessionFactory(days=-(n + 4))
        BookingFactory(session=session, user=person)
        TopicRequestFactory()
        ServiceGapFactory(provider=work["provider"], status=GapStatus.RAISED)
    assert count() == few


@pytest.mark.django_db
def test_administrators_outside_the_network_are_not_asked_to_complete_a_profile(
    client_for, admin_user
):
    html = client_for(admin_user).get("/").content.decode()
    assert 'data-testid="panel-complete-profile"' not in html
    assert 'data-testid="panel-waiting"' in html
