"""``manage.py seed_scale``: national-scale data for load tests, made in bulk by each app
through the ``register_scale_data`` hook. Run here at factor 1 (about the demo's size)."""

import io

from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from wagtail.models import Page

import pytest

from intranet.core.demo import DEMO_PASSWORD
from intranet.core.scale import SCALE_USERNAME_PREFIX
from intranet.enquiries.models import Enquiry, OutreachVisit
from intranet.knowledge.models import KnowledgeArticlePage, KnowledgeSectionPage
from intranet.legal.models import Acknowledgement, LegalUpdateIndexPage, LegalUpdatePage
from intranet.people.models import Profile
from intranet.people.services import colleagues
from network.models import NetworkDirectoryPage, ServiceProvider, SupportOfficePage
from training.models import Attendance, Booking, TrainingModulePage, TrainingSession


def _seed(factor=1):
    out = io.StringIO()
    call_command("seed_scale", factor=factor, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_factor_one_adds_about_the_demo_and_says_so():
    output = _seed()
    assert SupportOfficePage.objects.count() == 8
    assert ServiceProvider.objects.count() == 40
    scale_people = User.objects.filter(username__startswith=SCALE_USERNAME_PREFIX)
    assert scale_people.count() == 20
    # Most of them are colleagues (a few have left), each with an office and a profile
    # the finder can search.
    assert 15 <= colleagues().filter(username__startswith=SCALE_USERNAME_PREFIX).count() < 20
    assert not Profile.objects.filter(user__in=scale_people, office=None).exists()
    assert not Profile.objects.filter(user__in=scale_people, search_name="").exists()
    assert LegalUpdatePage.objects.live().count() == 50
    assert Acknowledgement.objects.exists()
    assert KnowledgeArticlePage.objects.live().count() == 100
    assert TrainingSession.objects.count() == 6
    assert Booking.objects.exists() and Attendance.objects.exists()
    assert Enquiry.objects.count() >= 2000
    assert OutreachVisit.objects.count() == 60
    # The enquiries went in with their indexes dropped; they are all back.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Enquiry._meta.db_table)
    assert {index.name for index in Enquiry._meta.indexes} <= set(constraints)
    # Progress is printed as it goes, and a summary at the end.
    assert "2,000 enquiries" in output and "Done in" in output


@pytest.mark.django_db
def test_the_page_tree_is_sound_after_bulk_inserts():
    _seed()
    assert Page.find_problems() == ([], [], [], [], [])
    directory = NetworkDirectoryPage.objects.get()
    assert directory.get_children().count() == directory.numchild == 8
    # New pages go after the existing children and can still be added the usual way.
    index = LegalUpdateIndexPage.objects.get()
    added = index.add_child(
        instance=LegalUpdatePage(title="Nova atualização", slug="nova", summary="Resumo.")
    )
    assert added.path > LegalUpdatePage.objects.exclude(pk=added.pk).order_by("-path")[0].path
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_seeded_pages_render_for_a_coordinator_and_search_finds_them(client):
    _seed()
    coordinator = (
        User.objects.filter(
            username__startswith=SCALE_USERNAME_PREFIX, groups__name="Coordinators"
        ).first()
        or User.objects.filter(username__startswith=SCALE_USERNAME_PREFIX).first()
    )
    assert client.login(username=coordinator.username, password=DEMO_PASSWORD)
    office = SupportOfficePage.objects.order_by("-path").first()
    update = LegalUpdatePage.objects.order_by("-path").first()
    article = KnowledgeArticlePage.objects.order_by("-path").first()
    section = KnowledgeSectionPage.objects.first()
    module = TrainingModulePage.objects.first()
    provider = ServiceProvider.objects.order_by("-pk").first()
    session = TrainingSession.objects.order_by("-pk").first()
    pages = {
        office.url: office.title,
        update.url: update.title,
        article.url: article.title,
        section.url: article.title if article.get_parent().pk == section.pk else section.title,
        module.url: module.title,
        LegalUpdateIndexPage.objects.get().url: "",
        reverse("network:provider-detail", args=[provider.slug]): provider.name,
        reverse("training:session-detail", args=[session.pk]): session.display_title,
        reverse("people:finder") + f"?q={coordinator.last_name.split()[0]}": coordinator.first_name,
        reverse("enquiries:log"): "",
        reverse("enquiries:insights"): "",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    # The search index was rebuilt: the articles (titled "Subject (n)") are found.
    subject = article.title.split(" (")[0]
    found = client.get(reverse("search"), {"q": subject})
    titles = [hit.title for group in found.context["groups"] for hit, _t, _s in group.hits]
    assert any(title.startswith(f"{subject} (") for title in titles), titles


@pytest.mark.django_db
def test_seeding_twice_is_refused_with_a_reason():
    _seed()
    before = Enquiry.objects.count()
    with pytest.raises(CommandError, match="already holds scale data"):
        _seed()
    assert Enquiry.objects.count() == before


@pytest.mark.django_db
def test_seed_scale_refuses_production_settings(settings):
    settings.INTRANET_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        _seed()
    assert not User.objects.filter(username__startswith=SCALE_USERNAME_PREFIX).exists()
