"""The Atom feed: parses in a real feed parser, and gives nothing away without a login
or a personal token."""

import feedparser
import pytest

from intranet.core.models import PersonalToken
from intranet.core.tokens import issue_token
from intranet.legal.models import FEED_PURPOSE

from .factories import LegalUpdatePageFactory


def feed_token(user) -> str:
    return PersonalToken.objects.get(user=user, purpose=FEED_PURPOSE, revoked_at=None).token


def parse(response):
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.django_db
def test_feed_parses_for_a_logged_in_staff_member(client_for, staff_user):
    LegalUpdatePageFactory(title="Cartão de residência CPLP", topics=["immigration-procedures"])
    LegalUpdatePageFactory(
        title="Inscrição no IEFP", topics=["employment"], summary="Como se inscrever."
    )
    LegalUpdatePageFactory(title="Rascunho secreto", live=False)
    response = client_for(staff_user).get("/legal-updates/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Inscrição no IEFP", "Cartão de residência CPLP"]
    assert feed.entries[0].summary.startswith("Como se inscrever.")
    assert feed.entries[0].link.startswith("http://testserver/legal-updates/")
    assert [t.term for t in feed.entries[0].tags] == ["Emprego"]


@pytest.mark.django_db
def test_anonymous_feed_has_no_content(client):
    LegalUpdatePageFactory(title="Conteúdo interno da rede")
    response = client.get("/legal-updates/feed/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert b"Conte" not in response.content
    for url in ("/legal-updates/feed/?token=inventado", "/legal-updates/feed/housing/?token=x"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Conteúdo interno" not in response.content.decode()
        assert not feedparser.parse(response.content).entries


@pytest.mark.django_db
def test_personal_token_works_without_a_session(client_for, client, staff_user):
    LegalUpdatePageFactory(title="Número de utente para migrantes", topics=["health"])
    LegalUpdatePageFactory(title="Matrícula escolar", topics=["education"])
    staff = client_for(staff_user)
    first_look = staff.get("/legal-updates/my-feed/").content.decode()
    assert 'data-testid="create-feed"' in first_look
    assert not PersonalToken.objects.exists(), "a GET must not make a token"
    page = staff.post("/legal-updates/my-feed/", follow=True).content.decode()
    token = feed_token(staff_user)
    assert f"http://testserver/legal-updates/feed/?token={token}" in page
    assert f"http://testserver/legal-updates/feed/health/?token={token}" in page

    client.logout()
    feed = parse(client.get(f"/legal-updates/feed/?token={token}"))
    assert len(feed.entries) == 2
    topic_feed = parse(client.get(f"/legal-updates/feed/health/?token={token}"))
    assert [e.title for e in topic_feed.entries] == ["Número de utente para migrantes"]
    assert client.get(f"/legal-updates/feed/nao-existe/?token={token}").status_code == 404


@pytest.mark.django_db
def test_changing_the_address_stops_the_old_one(client_for, client, staff_user):
    staff = client_for(staff_user)
    staff.post("/legal-updates/my-feed/")
    old = feed_token(staff_user)
    response = staff.post("/legal-updates/my-feed/", follow=True)
    assert response.status_code == 200
    new = feed_token(staff_user)
    assert new != old
    client.logout()
    assert client.get(f"/legal-updates/feed/?token={old}").status_code == 403
    assert client.get(f"/legal-updates/feed/?token={new}").status_code == 200


@pytest.mark.django_db
def test_tokens_of_people_who_left_or_are_not_staff_do_not_work(client, staff_user, partner_user):
    staff_token = issue_token(staff_user, FEED_PURPOSE).token
    partner_token = issue_token(partner_user, FEED_PURPOSE).token
    staff_user.is_active = False
    staff_user.save()
    assert client.get(f"/legal-updates/feed/?token={staff_token}").status_code == 403
    assert client.get(f"/legal-updates/feed/?token={partner_token}").status_code == 403


@pytest.mark.django_db
def test_feed_role_matrix(client_for, role_users):
    assert client_for(role_users["partner"]).get("/legal-updates/feed/").status_code == 403
    assert client_for(role_users["partner"]).get("/legal-updates/my-feed/").status_code == 403
    for role in ("staff", "coordinator", "admin"):
        assert client_for(role_users[role]).get("/legal-updates/feed/").status_code == 200
        assert client_for(role_users[role]).get("/legal-updates/my-feed/").status_code == 200
