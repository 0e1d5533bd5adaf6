"""Following pages: follow/unfollow, the list, and the email when a new version goes live."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from intranet.core.models import ContentPage, HomePage
from intranet.knowledge.models import PageFollow
from tests.core.factories import StaffFactory

from .factories import KnowledgeArticlePageFactory, PageFollowFactory


@pytest.mark.django_db
def test_staff_follow_and_unfollow_an_article_from_its_page(client_for, staff_user, section):
    article = KnowledgeArticlePageFactory(parent=section, title="Número de utente")
    client = client_for(staff_user)
    html = client.get(article.url).content.decode()
    assert 'data-testid="follow-page"' in html
    response = client.post(f"/knowledge-base/follow/{article.pk}/", {"next": article.url})
    assert response.status_code == 302 and response["Location"] == article.url
    assert PageFollow.objects.filter(user=staff_user, page=article).exists()
    html = client.get(article.url).content.decode()
    assert 'data-testid="unfollow-page"' in html
    # Following twice changes nothing.
    client.post(f"/knowledge-base/follow/{article.pk}/")
    assert PageFollow.objects.filter(user=staff_user).count() == 1
    client.post(f"/knowledge-base/unfollow/{article.pk}/", {"next": article.url})
    assert not PageFollow.objects.filter(user=staff_user).exists()


@pytest.mark.django_db
def test_any_visible_page_can_be_followed(client_for, staff_user):
    home = HomePage.objects.get()
    page = home.add_child(instance=ContentPage(title="Contactos úteis", slug="contactos"))
    page.save_revision().publish()
    client_for(staff_user).post(f"/knowledge-base/follow/{page.pk}/")
    assert PageFollow.objects.filter(user=staff_user, page=page).exists()


@pytest.mark.django_db
def test_a_page_the_person_cannot_see_cannot_be_followed(client_for, staff_user, coordinator_user):
    from django.contrib.auth.models import Group

    home = HomePage.objects.get()
    page = home.add_child(instance=ContentPage(title="Só coordenação", slug="so-coordenacao"))
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Coordinators")])
    response = client_for(staff_user).post(f"/knowledge-base/follow/{page.pk}/")
    assert response.status_code == 404
    assert not PageFollow.objects.exists()
    client_for(coordinator_user).post(f"/knowledge-base/follow/{page.pk}/")
    assert PageFollow.objects.filter(user=coordinator_user).exists()


@pytest.mark.django_db
def test_follow_views_are_post_only_and_closed_to_partners(client_for, role_users, section):
    article = KnowledgeArticlePageFactory(parent=section, title="Habitação")
    assert (
        client_for(role_users["staff"]).get(f"/knowledge-base/follow/{article.pk}/").status_code
        == 405
    )
    partner = client_for(role_users["partner"])
    assert partner.post(f"/knowledge-base/follow/{article.pk}/").status_code == 403
    assert partner.get("/knowledge-base/following/").status_code == 403
    assert not PageFollow.objects.exists()


@pytest.mark.django_db
def test_anonymous_follow_goes_to_login(client, section):
    article = KnowledgeArticlePageFactory(parent=section, title="Habitação")
    response = client.post(f"/knowledge-base/follow/{article.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_new_version_emails_followers_except_the_publisher(
    client_for, staff_user, coordinator_user, section
):
    reader = StaffFactory(username="leitora")
    article = KnowledgeArticlePageFactory(parent=section, title="Arrendamento", owner=staff_user)
    PageFollow.objects.create(user=reader, page=article)
    PageFollow.objects.create(user=coordinator_user, page=article)
    mail.outbox.clear()
    article.summary = "Nova versão com apoios à renda."
    article.save_revision(user=coordinator_user).publish(user=coordinator_user)
    recipients = [m.to for m in mail.outbox]
    assert recipients == [[reader.email]]
    email = mail.outbox[0]
    assert email.subject == "Nova versão publicada: Arrendamento"
    assert "http://testserver/knowledge-base/imigracao/arrendamento/" in email.body


@pytest.mark.django_db
def test_approver_who_follows_is_not_emailed_about_what_they_published(
    staff_user, coordinator_user, section
):
    reader = StaffFactory(username="leitora")
    article = KnowledgeArticlePageFactory(parent=section, title="Escola", owner=staff_user)
    PageFollow.objects.create(user=reader, page=article)
    PageFollow.objects.create(user=coordinator_user, page=article)
    article.summary = "Revisto."
    article.save_revision(user=staff_user)
    article.get_workflow().start(article, staff_user)
    mail.outbox.clear()
    article.refresh_from_db()
    task_state = article.current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator_user, "approve", comment="")
    new_version = [m for m in mail.outbox if "Nova versão" in m.subject]
    assert [m.to for m in new_version] == [[reader.email]]


@pytest.mark.django_db
def test_the_list_of_followed_pages(client_for, staff_user, section):
    client = client_for(staff_user)
    assert (
        "Ainda não segue nenhuma página"
        in client.get("/knowledge-base/following/").content.decode()
    )
    article = KnowledgeArticlePageFactory(parent=section, title="Cursos de português")
    PageFollow.objects.create(user=staff_user, page=article)
    html = client.get("/knowledge-base/following/").content.decode()
    assert "Cursos de português" in html
    assert f'data-testid="unfollow-{article.pk}"' in html


@pytest.mark.django_db
def test_followed_list_queries_do_not_grow(client_for, staff_user, section):
    client = client_for(staff_user)

    def count():
        client.get("/knowledge-base/following/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/knowledge-base/following/")
        return len(queries)

    PageFollow.objects.create(
        user=staff_user, page=KnowledgeArticlePageFactory(parent=section, title="Um")
    )
    few = count()
    for number in range(5):
        PageFollow.objects.create(
            user=staff_user,
            page=KnowledgeArticlePageFactory(parent=section, title=f"Outro {number}"),
        )
    assert count() == few


@pytest.mark.django_db
def test_new_version_email_is_in_the_followers_language_once_per_version(section):
    from wagtail.users.models import UserProfile

    english = StaffFactory(username="reader-en")
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    article = KnowledgeArticlePageFactory(parent=section, title="Arrendamento")
    PageFollowFactory(user=english, page=article)
    mail.outbox.clear()
    revision = article.save_revision()
    revision.publish()
    revision.publish()  # the same version published again (a retry): one e-mail
    (email,) = mail.outbox
    assert email.subject == "New version published: Arrendamento"
    assert email.body.startswith("Hello ")


@pytest.mark.django_db
def test_followers_who_switched_it_off_or_can_no_longer_see_the_page_get_nothing(section):
    from django.contrib.auth.models import Group

    from intranet.core.notifications import set_choices

    article = KnowledgeArticlePageFactory(parent=section, title="Escola")
    quiet, restricted, reader = StaffFactory.create_batch(3)
    for person in (quiet, restricted, reader):
        PageFollowFactory(user=person, page=article)
    set_choices(quiet, wanted=set())
    # Later the page is restricted to coordinators: a staff follower cannot open it now.
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Coordinators")])
    coordinator_reader = StaffFactory(groups=["Coordinators"])
    PageFollowFactory(user=coordinator_reader, page=article)
    mail.outbox.clear()
    article.save_revision().publish()
    assert [m.to for m in mail.outbox] == [[coordinator_reader.email]]


def test_the_knowledge_base_listens_to_no_workflow_signal():
    """Review-outcome e-mails are the core's; nothing in knowledge hooks into the workflow."""
    import weakref

    from wagtail import signals

    workflow_signals = [
        signals.workflow_submitted,
        signals.workflow_approved,
        signals.workflow_rejected,
        signals.workflow_cancelled,
        signals.task_submitted,
        signals.task_approved,
        signals.task_rejected,
        signals.task_cancelled,
    ]
    modules = {
        receiver.__module__
        for signal in workflow_signals
        for _key, ref, *_rest in signal.receivers
        if (receiver := ref() if isinstance(ref, weakref.ReferenceType) else ref) is not None
    }
    assert modules, "the core's receivers should be connected"
    assert not [module for module in modules if module.startswith("intranet.knowledge")]
