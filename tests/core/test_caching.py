"""What is cached between requests (intranet.core.caching) follows every change at once:
the next request shows it, with the cache warm before the change."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from intranet.core.caching import GENERATION_KEY, bump, generation
from intranet.core.roles import COORDINATORS
from intranet.knowledge.models import KnowledgeBaseIndexPage
from tests.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def _warm(client, url):
    client.get(url)
    return client.get(url).content.decode()


def test_the_dashboard_follows_publish_unpublish_rename_and_delete(client_for, staff_user):
    client = client_for(staff_user)
    assert "Horário de verão" not in _warm(client, "/")
    page = ContentPageFactory(title="Horário de verão")
    assert "Horário de verão" in client.get("/").content.decode()

    page.title = "Horário de inverno"
    page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Horário de inverno" in html
    assert "Horário de verão" not in html

    page.unpublish()
    assert "Horário de inverno" not in client.get("/").content.decode()
    page.save_revision().publish()
    assert "Horário de inverno" in client.get("/").content.decode()
    page.delete()
    assert "Horário de inverno" not in client.get("/").content.decode()


def test_navigation_and_addresses_follow_a_renamed_section(client_for, staff_user):
    client = client_for(staff_user)
    section = KnowledgeBaseIndexPage.objects.get()
    old_url = section.url
    assert "Base de conhecimento" in _warm(client, old_url)
    section.title = "Saber partilhado"
    section.slug = "saber"
    section.save_revision().publish()

    html = client.get("/").content.decode()
    assert "Saber partilhado" in html
    assert 'href="/saber/"' in html
    assert client.get("/saber/").status_code == 200
    assert client.get(old_url).status_code in (301, 302, 404)


def test_a_page_unpublished_is_gone_on_the_next_request(client_for, staff_user):
    client = client_for(staff_user)
    page = ContentPageFactory(title="Contactos úteis")
    assert "Contactos úteis" in _warm(client, page.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_new_role_counts_on_the_next_request(client_for, staff_user):
    client = client_for(staff_user)
    _warm(client, "/")
    assert client.get("/training/report/").status_code == 403
    staff_user.groups.add(Group.objects.get(name=COORDINATORS))
    assert client.get("/training/report/").status_code == 200
    staff_user.groups.remove(Group.objects.get(name=COORDINATORS))
    assert client.get("/training/report/").status_code == 403


def test_a_warm_dashboard_costs_no_query(client_for, staff_user):
    """The user, the session, groups, site, navigation and panels come from the cache
    (the user: intranet.core.auth_backends, tests/core/test_user_cache.py)."""
    client = client_for(staff_user)
    _warm(client, "/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert len(queries.captured_queries) == 0, tables


def test_the_generation_moves_on_with_content_and_not_with_sessions(client_for, staff_user):
    client = client_for(staff_user)
    client.get("/")
    before = generation()
    client.get("/")  # a page read
    client.get("/i18n/setlang/")  # nothing of the pages changes
    assert generation() == before
    ContentPageFactory()
    assert generation() > before


def test_logging_in_leaves_the_cache_alone_and_a_changed_name_does_not(client, staff_user):
    before = generation()
    staff_user.set_password("uma-palavra-passe-longa")
    staff_user.save()
    moved = generation()
    assert moved > before
    assert client.login(username=staff_user.username, password="uma-palavra-passe-longa")
    assert generation() == moved  # only last_login was written
    staff_user.first_name = "Outra"
    staff_user.save(update_fields=["first_name"])
    assert generation() > moved


def test_a_lost_generation_starts_again_past_every_earlier_one():
    first = generation()
    for _change in range(5):
        bump()
    cache.delete(GENERATION_KEY)
    assert generation() > first + 5
