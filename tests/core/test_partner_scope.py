"""Sections are pages and editors may rename them: the partners' scope follows the
directory page wherever it goes, the directory's own views keep their fixed address, and
the people section's menu link keeps leading to the finder."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import rich_text

import pytest

from intranet.core import partner_scope
from intranet.core.sections import section_url
from intranet.people.models import PeopleIndexPage
from network.models import NetworkDirectoryPage
from tests.core.factories import PASSWORD
from tests.network.factories import ServiceProviderFactory, SupportOfficeFactory

STAFF_SECTIONS = [
    "training.TrainingProgrammePage",
    "legal.LegalUpdateIndexPage",
    "knowledge.KnowledgeBaseIndexPage",
]


def publish_in_admin(client, page, **fields):
    """What an editor's "Publish" in the page editor sends for a section page."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text(""),
        "seo_title": "",
        "search_description": "",
        "show_in_menus": "on",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
        **fields,
    }
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


@pytest.fixture
def directory_content(db):
    office = SupportOfficeFactory(slug="gabinete-cuba", title="Gabinete de Apoio de Cuba")
    provider = ServiceProviderFactory(slug="cs-cuba", name="Centro de Saúde de Cuba")
    return office, provider


def assert_partner_confined_to(client, directory_url: str, office) -> None:
    """The partner lands on the directory, browses it, and gets 403 everywhere else."""
    response = client.post(
        reverse("login"), {"username": "parceiro", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == directory_url
    assert response.status_code == 200
    assert 'data-testid="directory-filters"' in response.content.decode()
    for url in [
        f"{directory_url}?q=Cuba&print=1",
        f"{directory_url}{office.slug}/",
        reverse("network:provider-detail", args=["cs-cuba"]),
        reverse("network:office-map"),
        reverse("network:partner-list"),
        reverse("network:directory-csv"),
        reverse("network:office-vcard", args=[office.slug]),
        reverse("search") + "?q=Cuba",
        reverse("password_change"),
    ]:
        assert client.get(url).status_code == 200, url
    forbidden = [section_url(label) for label in STAFF_SECTIONS]
    forbidden += [reverse("people:finder"), "/admin/", "/rota-interna/"]
    for url in forbidden:
        assert client.get(url).status_code == 403, url
    # The page search sends them to the directory's own search, at its new address.
    html = client.get(reverse("search") + "?q=Cuba").content.decode()
    assert f'href="{directory_url}?q=Cuba"' in html


@pytest.mark.django_db
def test_partner_follows_the_directory_renamed_in_the_admin(
    client,
    coordinator_user,
    partner_user,
    staff_user,
    directory_content,
    django_capture_on_commit_callbacks,
):
    office, _provider = directory_content
    directory = NetworkDirectoryPage.objects.get()
    client.force_login(coordinator_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_admin(client, directory, slug="diretorio")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NetworkDirectoryPage.objects.get().url == "/diretorio/"
    client.logout()

    assert_partner_confined_to(client, "/diretorio/", office)
    # An old bookmark leads to the new address (Wagtail's automatic redirect).
    old = client.get("/directory/")
    assert (old.status_code, old["Location"]) == (301, "/diretorio/")

    client.force_login(staff_user)
    for url in ["/diretorio/", "/diretorio/gabinete-cuba/", reverse("network:office-map")]:
        assert client.get(url).status_code == 200, url
    for label in STAFF_SECTIONS:
        assert client.get(section_url(label)).status_code == 200, label


@pytest.mark.django_db
def test_partner_follows_the_directory_renamed_by_publishing_a_revision(
    client, partner_user, directory_content
):
    office, _provider = directory_content
    directory = NetworkDirectoryPage.objects.get()
    directory.slug = "rede"
    directory.save_revision().publish()
    assert_partner_confined_to(client, "/rede/", office)


@pytest.mark.django_db
def test_a_stale_cache_never_locks_a_partner_out(client_for, partner_user, directory_content):
    """Another server process may still hold the old addresses: a path outside them is
    checked against the page tree before the 403."""
    client = client_for(partner_user)
    client.get("/directory/")  # caches ("/directory/",)
    directory = NetworkDirectoryPage.objects.get()
    directory.slug = "rede"
    directory.save_revision().publish()
    cache.set(partner_scope.CACHE_KEY, ("/directory/",))
    assert client.get("/rede/").status_code == 200
    assert client.get("/rede/gabinete-cuba/").status_code == 200
    assert client.get(section_url("training.TrainingProgrammePage")).status_code == 403


@pytest.mark.django_db
def test_addresses_are_cached_until_a_page_is_published(
    directory_content, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert partner_scope.landing_url() == "/directory/"
    directory = NetworkDirectoryPage.objects.get()
    directory.slug = "rede"
    with django_capture_on_commit_callbacks(execute=True):
        directory.save_revision().publish()
    assert cache.get(partner_scope.CACHE_KEY) is None
    assert partner_scope.landing_url() == "/rede/"
    with django_assert_num_queries(0):
        assert partner_scope.may_open("/rede/gabinete-cuba/")
        assert partner_scope.may_open("/directory/map/")  # the directory's views stay put
    # A "no" is checked against the tree first.
    assert not partner_scope.may_open("/directoryx/")
    assert not partner_scope.may_open("/training/")


@pytest.mark.django_db
def test_unpublished_directory_leaves_partners_nowhere_to_land(client_for, partner_user):
    NetworkDirectoryPage.objects.get().unpublish()
    client = client_for(partner_user)
    assert client.get("/").status_code == 403
    assert client.get("/directory/").status_code == 404  # the views' address, no page


@pytest.mark.django_db
def test_people_menu_link_keeps_working_when_the_section_is_renamed(
    client, coordinator_user, staff_user, partner_user, django_capture_on_commit_callbacks
):
    people = PeopleIndexPage.objects.get()
    client.force_login(coordinator_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_in_admin(client, people, slug="equipa").status_code == 302
    assert section_url("people.PeopleIndexPage") == "/equipa/"

    client.force_login(staff_user)
    nav = client.get("/").content.decode().split('class="main-nav"')[1].split("</nav>")[0]
    assert 'href="/equipa/"' in nav
    response = client.get("/equipa/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:finder")
    assert 'data-testid="finder-results"' in response.content.decode()

    client.force_login(partner_user)
    assert client.get("/equipa/").status_code == 403
    assert client.get(reverse("people:finder")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["people", "accounts", "admin", "search", "training"])
def test_a_section_cannot_take_the_address_of_another_part(client, coordinator_user, slug):
    directory = NetworkDirectoryPage.objects.get()
    client.force_login(coordinator_user)
    response = publish_in_admin(client, directory, slug=slug)
    assert response.status_code == 200  # the form again, with the error
    assert NetworkDirectoryPage.objects.get().url == "/directory/"
    directory.slug = slug
    with pytest.raises(ValidationError) as error:
        directory.save_revision()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
def test_sections_keep_the_addresses_of_their_own_views():
    for model, slug in [(PeopleIndexPage, "people"), (NetworkDirectoryPage, "directory")]:
        page = model.objects.get()
        page.full_clean()
        assert page.slug == slug
