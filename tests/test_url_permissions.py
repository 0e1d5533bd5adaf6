"""Every URL pattern of the project, classified and checked for each role.

The URLconf is walked with ``get_resolver()``; a pattern that is not classified below makes
``test_every_url_pattern_is_classified`` fail, so a new view cannot slip in unreviewed.
Only Wagtail's own admin (``/admin/``) is left out of the walk: its access is Wagtail's
``access_admin`` permission, and partners get 403 there (checked below).

Classes:
- PUBLIC: reachable without a session (``@login_not_required``); each has its own test of
  what it shows to a stranger.
- ANY_USER: every logged-in person, partners included (directory, accounts, search, media,
  documents, page serving).
- STAFF: staff and coordinators; partners 403, anonymous to the login page.
- COORDINATOR: coordinators only; staff get 403 too.
"""

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from intranet.core.files import SHARED_COLLECTION
from intranet.enquiries.models import Enquiry, OutreachVisit, ServiceGap
from intranet.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeBaseIndexPage,
    KnowledgeSectionPage,
)
from intranet.legal.models import LegalUpdateIndexPage, LegalUpdatePage
from tests.core.factories import StaffFactory
from tests.network.factories import SECRET, ServiceProviderFactory, SupportOfficeFactory
from training.models import (
    Certificate,
    TopicArea,
    TopicRequest,
    TrainingModulePage,
    TrainingProgrammePage,
    TrainingSession,
)

PUBLIC = "public"
ANY_USER = "any-user"
STAFF_ONLY = "staff"
COORDINATOR = "coordinator"

LOGIN = "/accounts/login/"


@dataclass
class Route:
    access: str
    url: object  # callable(objects) -> str
    method: str = "get"
    ok: tuple = (200,)  # statuses that mean "let in" for the roles allowed
    data: dict = field(default_factory=dict)
    absent: tuple = ()  # what a partner must not find there
    # Database queries a GET may run, caches warm (tests/test_query_budgets.py); the same
    # number whatever the amount of data.
    max_queries: int = 10


def _r(name, *args, **kwargs):
    return lambda o: reverse(name, args=[a(o) if callable(a) else a for a in args], kwargs=kwargs)


ROUTES = {
    # --- core and accounts ---
    "healthz": Route(PUBLIC, _r("healthz")),
    "favicon": Route(PUBLIC, _r("favicon"), ok=(302,)),
    # Field mode: nothing personal in the service worker or the manifest (tests/core).
    "service-worker": Route(PUBLIC, _r("service-worker")),
    "web-manifest": Route(PUBLIC, _r("web-manifest")),
    "login": Route(PUBLIC, _r("login")),
    "wagtailcore_login": Route(PUBLIC, _r("wagtailcore_login")),
    "password_reset": Route(PUBLIC, _r("password_reset")),
    "lockouts": Route(COORDINATOR, _r("lockouts")),
    # A download made now and then, not a page: every app adds its part (a query or two
    # each), and the person's own rows are few.
    "my-data": Route(ANY_USER, _r("my-data"), max_queries=30),
    "password_reset_done": Route(PUBLIC, _r("password_reset_done")),
    "password_reset_confirm": Route(
        PUBLIC, _r("password_reset_confirm", "MQ", "invalid-token"), ok=(200, 302)
    ),
    "password_reset_complete": Route(PUBLIC, _r("password_reset_complete")),
    "set_language": Route(PUBLIC, _r("set_language"), method="post", ok=(302,)),
    "logout": Route(ANY_USER, _r("logout"), method="post"),
    "password_change": Route(ANY_USER, _r("password_change")),
    "notification-settings": Route(ANY_USER, _r("notification-settings")),
    "password_change_done": Route(ANY_USER, _r("password_change_done")),
    # Words only in the referral note must not find the provider for a partner.
    # Every type found: the user, the index once, each type's rows, people's snippets.
    "search": Route(
        ANY_USER, lambda o: reverse("search") + "?q=Xerazade", absent=("Loja",), max_queries=9
    ),
    "media": Route(ANY_USER, lambda o: o["image"].file.url),
    "wagtaildocs_serve": Route(ANY_USER, lambda o: o["document"].url),
    # Wagtail's password form for protected collections (none is password-protected here).
    "wagtaildocs_authenticate_with_password": Route(
        ANY_USER, _r("wagtaildocs_authenticate_with_password", 999999), ok=(404,)
    ),
    "wagtailcore_authenticate_with_password": Route(
        STAFF_ONLY, _r("wagtailcore_authenticate_with_password", 999999, 999999), ok=(404,)
    ),
    # Page serving: the directory is open to partners; other sections are checked below.
    "wagtail_serve": Route(ANY_USER, lambda o: "/directory/?q=Xerazade&print=1", absent=("Loja",)),
    # --- network directory (partners too) ---
    "network:directory-csv": Route(ANY_USER, lambda o: reverse("network:directory-csv")),
    "network:office-map": Route(ANY_USER, _r("network:office-map")),
    "network:offline-directory": Route(ANY_USER, _r("network:offline-directory")),
    "network:partner-list": Route(ANY_USER, _r("network:partner-list")),
    "network:provider-detail": Route(
        ANY_USER, _r("network:provider-detail", lambda o: o["provider"].slug)
    ),
    "network:provider-vcard": Route(
        ANY_USER, _r("network:provider-vcard", lambda o: o["provider"].slug)
    ),
    "network:office-vcard": Route(ANY_USER, _r("network:office-vcard", lambda o: o["office"].slug)),
    # --- people ---
    # The results are cached per role and search (perf-pages): 2 queries warm.
    "people:finder": Route(STAFF_ONLY, _r("people:finder"), max_queries=4),
    "people:edit-own": Route(STAFF_ONLY, _r("people:edit-own")),
    "people:my-data": Route(STAFF_ONLY, _r("people:my-data"), max_queries=30),
    "people:vcard": Route(STAFF_ONLY, _r("people:vcard", lambda o: o["colleague"].username)),
    "people:profile": Route(STAFF_ONLY, _r("people:profile", lambda o: o["colleague"].username)),
    "people:export-csv": Route(COORDINATOR, _r("people:export-csv")),
    "people:edit": Route(COORDINATOR, _r("people:edit", lambda o: o["colleague"].username)),
    "people:mark-left": Route(
        COORDINATOR,
        _r("people:mark-left", lambda o: o["colleague"].username),
        method="post",
        ok=(200,),  # the confirmation page; the second POST (confirm=yes) acts
    ),
    "people:mark-returned": Route(
        COORDINATOR,
        _r("people:mark-returned", lambda o: o["colleague"].username),
        method="post",
        ok=(302,),
    ),
    # --- legal updates ---
    "legal:acknowledge": Route(
        STAFF_ONLY, _r("legal:acknowledge", lambda o: o["update"].pk), method="post", ok=(302,)
    ),
    "legal:my-feed": Route(STAFF_ONLY, _r("legal:my-feed")),
    "legal:feed": Route(PUBLIC, _r("legal:feed")),
    "legal:topic-feed": Route(PUBLIC, _r("legal:topic-feed", "employment")),
    "legal:report": Route(COORDINATOR, _r("legal:report")),
    "legal:report-detail": Route(COORDINATOR, _r("legal:report-detail", lambda o: o["update"].pk)),
    "legal:report-csv": Route(COORDINATOR, _r("legal:report-csv", lambda o: o["update"].pk)),
    # --- knowledge base ---
    "knowledge:page-follow": Route(
        STAFF_ONLY,
        _r("knowledge:page-follow", lambda o: o["article"].pk),
        method="post",
        ok=(302,),
    ),
    "knowledge:page-unfollow": Route(
        STAFF_ONLY,
        _r("knowledge:page-unfollow", lambda o: o["article"].pk),
        method="post",
        ok=(302,),
    ),
    "knowledge:following-list": Route(STAFF_ONLY, _r("knowledge:following-list")),
    "knowledge:review-report": Route(COORDINATOR, _r("knowledge:review-report")),
    # --- training ---
    "training:session-list": Route(STAFF_ONLY, _r("training:session-list")),
    "training:session-detail": Route(
        STAFF_ONLY, _r("training:session-detail", lambda o: o["session"].pk)
    ),
    "training:session-book": Route(
        STAFF_ONLY,
        _r("training:session-book", lambda o: o["session"].pk),
        method="post",
        ok=(302,),
    ),
    "training:session-cancel": Route(
        STAFF_ONLY,
        _r("training:session-cancel", lambda o: o["session"].pk),
        method="post",
        ok=(302,),
    ),
    "training:self-study": Route(
        STAFF_ONLY,
        _r("training:self-study", lambda o: o["module"].pk),
        method="post",
        ok=(302,),
    ),
    "training:progress": Route(STAFF_ONLY, _r("training:progress")),
    "training:calendar": Route(STAFF_ONLY, _r("training:calendar")),
    "training:request-list": Route(STAFF_ONLY, _r("training:request-list")),
    "training:session-ics": Route(
        STAFF_ONLY, _r("training:session-ics", lambda o: o["session"].pk)
    ),
    "training:my-sessions-ics": Route(PUBLIC, _r("training:my-sessions-ics")),
    "training:sessions-ics": Route(PUBLIC, _r("training:sessions-ics")),
    "training:certificate-verify": Route(
        PUBLIC, _r("training:certificate-verify", lambda o: o["certificate"].code)
    ),
    # Another person's ledger and certificate: theirs and the coordinators' only.
    "training:progress-person": Route(
        COORDINATOR, _r("training:progress-person", lambda o: o["colleague"].pk)
    ),
    "training:certificate-pdf": Route(
        COORDINATOR, _r("training:certificate-pdf", lambda o: o["certificate"].code)
    ),
    "training:attendance": Route(
        COORDINATOR, _r("training:attendance", lambda o: o["past_session"].pk)
    ),
    "training:request-triage-list": Route(COORDINATOR, _r("training:request-triage-list")),
    "training:request-triage": Route(
        COORDINATOR, _r("training:request-triage", lambda o: o["topic_request"].pk)
    ),
    "training:report": Route(COORDINATOR, _r("training:report"), max_queries=7),
    "training:report-csv": Route(COORDINATOR, _r("training:report-csv")),
    # --- enquiry log, outreach, service gaps, insights (never under /directory/) ---
    "enquiries:log": Route(STAFF_ONLY, _r("enquiries:log")),
    # Field mode's sync takes JSON: the empty form post gets 400 with a sentence.
    "enquiries:sync": Route(STAFF_ONLY, _r("enquiries:sync"), method="post", ok=(400,)),
    "enquiries:enquiry-new": Route(STAFF_ONLY, _r("enquiries:enquiry-new")),
    "enquiries:answer-at-hand": Route(
        STAFF_ONLY, lambda o: reverse("enquiries:answer-at-hand") + "?topic=immigration-procedures"
    ),
    "enquiries:enquiry-detail": Route(
        STAFF_ONLY, _r("enquiries:enquiry-detail", lambda o: o["enquiry"].pk)
    ),
    "enquiries:enquiry-edit": Route(
        STAFF_ONLY, _r("enquiries:enquiry-edit", lambda o: o["enquiry"].pk)
    ),
    "enquiries:outreach-list": Route(STAFF_ONLY, _r("enquiries:outreach-list")),
    "enquiries:outreach-new": Route(STAFF_ONLY, _r("enquiries:outreach-new")),
    "enquiries:outreach-detail": Route(
        STAFF_ONLY, _r("enquiries:outreach-detail", lambda o: o["visit"].pk)
    ),
    "enquiries:outreach-edit": Route(
        STAFF_ONLY, _r("enquiries:outreach-edit", lambda o: o["visit"].pk)
    ),
    "enquiries:gap-list": Route(STAFF_ONLY, _r("enquiries:gap-list")),
    "enquiries:gap-new": Route(STAFF_ONLY, _r("enquiries:gap-new")),
    "enquiries:gap-detail": Route(STAFF_ONLY, _r("enquiries:gap-detail", lambda o: o["gap"].pk)),
    "enquiries:gap-edit": Route(STAFF_ONLY, _r("enquiries:gap-edit", lambda o: o["gap"].pk)),
    "enquiries:gap-evidence-csv": Route(
        STAFF_ONLY, _r("enquiries:gap-evidence-csv", lambda o: o["gap"].pk)
    ),
    "enquiries:insights": Route(STAFF_ONLY, _r("enquiries:insights"), max_queries=4),
    "enquiries:insights-csv": Route(STAFF_ONLY, _r("enquiries:insights-csv", "by-month")),
    "enquiries:insights-part": Route(
        STAFF_ONLY, _r("enquiries:insights-part", "topics"), max_queries=4
    ),
    "enquiries:gap-status": Route(
        COORDINATOR,
        _r("enquiries:gap-status", lambda o: o["gap"].pk),
        method="post",
        ok=(200,),  # the page again, with the empty form's errors
    ),
    "enquiries:gap-letter": Route(COORDINATOR, _r("enquiries:gap-letter", lambda o: o["gap"].pk)),
    "enquiries:gap-letter-pdf": Route(
        COORDINATOR, _r("enquiries:gap-letter-pdf", lambda o: o["gap"].pk)
    ),
    "enquiries:insights-suggest": Route(
        COORDINATOR, _r("enquiries:insights-suggest"), method="post", ok=(302,)
    ),
}

# Patterns deliberately not walked, with the reason.
SKIPPED_PREFIXES = {
    "admin/": "Wagtail admin: Wagtail's own access_admin permission; partners 403 (tested)",
}

PARTNER_PREFIXES = ("/directory/", "/accounts/", "/search/", "/media/", "/documents/")


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if any(route.startswith(p) for p in SKIPPED_PREFIXES):
                continue
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, route, ns)
        else:
            assert isinstance(pattern, URLPattern)
            key = pattern.name or route
            if namespace and pattern.name:
                key = f"{namespace}:{pattern.name}"
            yield key, route, pattern.callback


def all_patterns():
    return list(_walk(get_resolver().url_patterns))


# --- data ---------------------------------------------------------------------------------


def _png(name="foto.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), "green").save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


@pytest.fixture
def objects(db, staff_user):
    colleague = StaffFactory(username="colega", first_name="Carla", last_name="Marques")
    office = SupportOfficeFactory(slug="gabinete-portel", title="Gabinete de Apoio de Portel")
    provider = ServiceProviderFactory(
        slug="aima-evora", name="AIMA — Loja de Évora", referral_note=SECRET
    )

    programme = TrainingProgrammePage.objects.get(slug="training")
    module = TrainingModulePage(
        title="Trabalho em equipa",
        slug="trabalho-em-equipa",
        topic_area=TopicArea.TEAMWORK,
        sequence=1,
        face_to_face_hours=Decimal("4"),
        self_study_hours=Decimal("2"),
    )
    programme.add_child(instance=module)
    module.save_revision().publish()
    now = timezone.now().replace(microsecond=0)
    session = TrainingSession.objects.create(
        module=module,
        starts_at=now + dt.timedelta(days=7),
        ends_at=now + dt.timedelta(days=7, hours=3),
        trainer="Formadora",
        capacity=10,
    )
    past_session = TrainingSession.objects.create(
        module=module,
        starts_at=now - dt.timedelta(days=7),
        ends_at=now - dt.timedelta(days=7) + dt.timedelta(hours=3),
        trainer="Formadora",
        capacity=10,
    )
    topic_request = TopicRequest.objects.create(
        requester=colleague, topic="Arrendamento", reason="Muitas dúvidas"
    )
    certificate = Certificate.objects.create(
        user=colleague,
        full_name="Carla Marques",
        total_hours=Decimal("60"),
        hours_by_area={"teamwork": "60"},
        first_date=dt.date(2026, 1, 10),
        last_date=dt.date(2026, 6, 30),
    )

    update = LegalUpdatePage(
        title="Novas regras da AIMA",
        slug="novas-regras",
        summary="Resumo.",
        must_acknowledge=True,
        acknowledge_by=timezone.localdate() + dt.timedelta(days=14),
    )
    LegalUpdateIndexPage.objects.get().add_child(instance=update)
    update.save_revision().publish()

    section = KnowledgeSectionPage(title="Imigração", slug="imigracao", summary="Procedimentos")
    KnowledgeBaseIndexPage.objects.get().add_child(instance=section)
    section.save_revision().publish()
    article = KnowledgeArticlePage(
        title="Renovar a autorização",
        slug="renovar",
        summary="Como renovar",
        review_by=timezone.localdate() + dt.timedelta(days=90),
    )
    section.add_child(instance=article)
    article.save_revision().publish()

    shared = Collection.objects.get(name=SHARED_COLLECTION)
    # The staff member works at the office: their enquiries, visit and proposed gap.
    staff_user.profile.office = office
    staff_user.profile.save()
    enquiry = Enquiry.objects.create(
        office=office,
        author=staff_user,
        date=timezone.localdate(),
        channel="office",
        topic="immigration-procedures",
        outcome="referred",
        provider=provider,
    )
    visit = OutreachVisit.objects.create(
        office=office,
        author=staff_user,
        date=timezone.localdate(),
        municipality="Portel",
        place_kind="workplace",
        people_reached=12,
    )
    gap = ServiceGap.objects.create(
        provider=provider,
        title="Esperas na AIMA",
        description="Meses de espera.",
        period_start=timezone.localdate() - dt.timedelta(days=90),
        period_end=timezone.localdate(),
        outcomes=["long-wait"],
        proposed_by=staff_user,
    )

    return {
        "enquiry": enquiry,
        "visit": visit,
        "gap": gap,
        "colleague": colleague,
        "office": office,
        "provider": provider,
        "module": TrainingModulePage.objects.get(pk=module.pk),
        "session": session,
        "past_session": past_session,
        "topic_request": topic_request,
        "certificate": certificate,
        "update": LegalUpdatePage.objects.get(pk=update.pk),
        "article": KnowledgeArticlePage.objects.get(pk=article.pk),
        # In the collection opened to partners: anywhere else they get 403.
        "image": Image.objects.create(title="Fachada", file=_png(), collection=shared),
        "document": Document.objects.create(
            title="Guia", file=ContentFile(b"%PDF-1.4 guia", name="guia.pdf"), collection=shared
        ),
    }


def _call(client, route: Route, objects):
    url = route.url(objects)
    return url, getattr(client, route.method)(url, route.data)


# --- the classification -------------------------------------------------------------------


def test_every_url_pattern_is_classified():
    found = {key for key, _route, _callback in all_patterns()}
    unclassified = sorted(found - set(ROUTES))
    assert not unclassified, (
        "New URL patterns without a security classification: add each to ROUTES in "
        f"tests/test_url_permissions.py (public / any user / staff / coordinator): {unclassified}"
    )
    stale = sorted(set(ROUTES) - found)
    assert not stale, f"ROUTES lists patterns that no longer exist: {stale}"


def test_only_the_public_routes_skip_the_login():
    """``@login_not_required`` is exactly on the views classified PUBLIC."""
    open_views = {
        key
        for key, _route, callback in all_patterns()
        if not getattr(callback, "login_required", True)
    }
    public = {key for key, route in ROUTES.items() if route.access == PUBLIC}
    assert open_views == public


# --- each role ---------------------------------------------------------------------------
# One test per role walks all the routes (the data is built once) and lists every failure.


def _check_all(client, user, objects, keys, check):
    failures = []
    for key in keys:
        client.logout()
        if user is not None:
            client.force_login(user)
        url, response = _call(client, ROUTES[key], objects)
        problem = check(key, ROUTES[key], url, response)
        if problem:
            failures.append(f"{key} {url}: {problem}")
    assert not failures, "\n".join(failures)


NON_PUBLIC = sorted(k for k, r in ROUTES.items() if r.access != PUBLIC)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, objects):
    def check(key, route, url, response):
        if response.status_code != 302 or not response["Location"].startswith(LOGIN):
            return f"{response.status_code} {response.get('Location')}"

    _check_all(client, None, objects, NON_PUBLIC, check)


@pytest.mark.django_db
def test_partner(client, objects, partner_user):
    def check(key, route, url, response):
        body = b"".join(response) if response.streaming else response.content
        body = body.replace(b"\r\n ", b"")  # vCard folds long lines
        if SECRET.encode() in body or b"4242" in body:
            return "shows the referral note"
        if any(text.encode() in body for text in route.absent):
            return f"shows {route.absent}"
        if route.access in (STAFF_ONLY, COORDINATOR):
            if response.status_code != 403:
                return f"{response.status_code}, expected 403"
        elif route.access == ANY_USER:
            if not url.startswith(PARTNER_PREFIXES):
                return "open to partners outside the partner prefixes"
            if response.status_code not in route.ok:
                return f"{response.status_code}, expected {route.ok}"

    _check_all(client, partner_user, objects, sorted(ROUTES), check)


@pytest.mark.django_db
def test_staff(client, objects, staff_user):
    def check(key, route, url, response):
        expected = (403,) if route.access == COORDINATOR else route.ok
        if response.status_code not in expected:
            return f"{response.status_code}, expected {expected}"

    _check_all(client, staff_user, objects, NON_PUBLIC, check)


@pytest.mark.django_db
def test_coordinator(client, objects, coordinator_user):
    def check(key, route, url, response):
        if response.status_code not in route.ok:
            return f"{response.status_code}, expected {route.ok}"

    _check_all(client, coordinator_user, objects, NON_PUBLIC, check)


@pytest.mark.django_db
def test_partner_gets_403_in_the_wagtail_admin_and_other_sections(client, objects, partner_user):
    client.force_login(partner_user)
    for url in ["/admin/", "/admin/pages/", "/training/", "/legal-updates/", "/knowledge-base/"]:
        assert client.get(url).status_code == 403, url
    for url in ["/enquiries/", "/enquiries/outreach/", "/service-gaps/", "/insights/"]:
        assert client.get(url).status_code == 403, url
    assert client.get("/").headers["Location"] == "/directory/"


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_from_pages_and_admin(client, objects):
    for url in ["/", "/admin/", "/directory/", "/training/", objects["article"].url]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(LOGIN), url


# --- state changes: POST only, with a CSRF token ------------------------------------------

POST_ONLY = sorted(k for k, r in ROUTES.items() if r.method == "post" and k != "set_language")


@pytest.mark.django_db
def test_state_changing_views_refuse_get(client, objects, coordinator_user):
    client.force_login(coordinator_user)
    statuses = {key: client.get(ROUTES[key].url(objects)).status_code for key in POST_ONLY}
    assert statuses == dict.fromkeys(POST_ONLY, 405)


FORMS = ["people:edit-own", "people:edit", "training:calendar", "legal:my-feed"]
FORMS += ["training:request-list", "training:request-triage", "training:attendance"]
FORMS += ["enquiries:enquiry-new", "enquiries:outreach-new", "enquiries:gap-new"]
FORMS += ["enquiries:enquiry-edit", "enquiries:gap-edit"]


@pytest.mark.django_db
def test_posts_without_csrf_token_are_refused(objects, coordinator_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_user)
    keys = [*POST_ONLY, *FORMS]
    statuses = {key: client.post(ROUTES[key].url(objects), {}).status_code for key in keys}
    assert statuses == dict.fromkeys(keys, 403)


# --- the public routes leak nothing -------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_for_strangers(client, objects):
    assert client.get(reverse("healthz")).content == b"ok"
    for key in ["login", "wagtailcore_login", "password_reset", "password_reset_done"]:
        assert client.get(ROUTES[key].url(objects)).status_code == 200, key
    response = client.get(ROUTES["password_reset_confirm"].url(objects), follow=True)
    assert response.status_code == 200
    assert not response.context["validlink"]


@pytest.mark.django_db
def test_language_switch_does_not_redirect_off_site(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key", ["training:my-sessions-ics", "training:sessions-ics", "legal:feed", "legal:topic-feed"]
)
def test_personal_feeds_without_a_valid_token_give_nothing(client, objects, key):
    """One behaviour for every token-or-session feed (intranet.core.tokens): no token and
    no session, the login page; a bad one, 403 with nothing of the feed."""
    url = ROUTES[key].url(objects)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    for suffix in ["?token=", "?token=not-a-real-token"]:
        response = client.get(url + suffix)
        assert response.status_code == 403, suffix
        assert b"VCALENDAR" not in response.content
        assert b"<feed" not in response.content
        assert b"Novas regras" not in response.content


@pytest.mark.django_db
def test_certificate_verification_shows_only_name_hours_and_dates(client, objects):
    certificate = objects["certificate"]
    colleague = objects["colleague"]
    response = client.get(ROUTES["training:certificate-verify"].url(objects))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Carla Marques" in text
    assert "60" in text
    assert certificate.code in text
    for leak in [colleague.username, colleague.email, "teamwork", "Trabalho em equipa"]:
        assert leak not in text, leak
    # The page is for strangers: no navigation into the intranet, no account data.
    assert "/people/" not in text
    assert "/training/progress" not in text
    unknown = client.get(reverse("training:certificate-verify", args=["XXXX-XXXX-XXXX"]))
    assert unknown.status_code == 404
    assert "Carla" not in unknown.content.decode()


def test_secret_tokens_are_long_and_random():
    from intranet.core.models import new_token_value as new_token
    from training.models.records import new_certificate_code

    assert len(new_token()) >= 32
    assert new_token() != new_token()
    # 12 characters from 32 symbols: 60 bits, enough for a code checked by a DB lookup.
    assert len(new_certificate_code().replace("-", "")) == 12


@pytest.mark.django_db
def test_staff_cannot_act_for_someone_else(client, objects, staff_user):
    """IDOR: booking, cancelling, acknowledging and following act on the logged-in person."""
    from intranet.knowledge.models import PageFollow
    from intranet.legal.models import Acknowledgement
    from training.models import Booking
    from training.services import book_session

    colleague = objects["colleague"]
    session = objects["session"]
    book_session(colleague, session.pk)
    PageFollow.objects.create(user=colleague, page=objects["article"])
    client.force_login(staff_user)

    client.post(reverse("training:session-cancel", args=[session.pk]), {"user": colleague.pk})
    assert Booking.objects.get(user=colleague, session=session).status == Booking.Status.BOOKED

    client.post(
        reverse("knowledge:page-unfollow", args=[objects["article"].pk]), {"user": colleague.pk}
    )
    assert PageFollow.objects.filter(user=colleague).exists()

    client.post(reverse("legal:acknowledge", args=[objects["update"].pk]), {"user": colleague.pk})
    assert not Acknowledgement.objects.filter(user=colleague).exists()

    response = client.post(
        reverse("people:edit", args=[colleague.username]), {"display_name": "Hacked"}
    )
    assert response.status_code == 403
    assert User.objects.get(pk=colleague.pk).profile.display_name != "Hacked"


@pytest.mark.django_db
def test_staff_do_see_the_referral_note(client, objects, staff_user):
    """So that the partner checks above are not vacuous."""
    client.force_login(staff_user)
    for key in ["network:provider-detail", "network:provider-vcard", "network:directory-csv"]:
        body = client.get(ROUTES[key].url(objects)).content.decode()
        assert SECRET in body.replace("\r\n ", ""), key
    assert SECRET in client.get("/directory/?q=Xerazade&print=1").content.decode()


@pytest.mark.django_db
def test_partners_cannot_fetch_staff_photos(client, staff_user, partner_user):
    from intranet.people.services import replace_photo
    from tests.people.factories import image_upload

    replace_photo(staff_user.profile, image_upload(), staff_user)
    photo = User.objects.get(pk=staff_user.pk).profile.photo
    urls = [photo.file.url, photo.get_rendition("fill-80x80").url]
    client.force_login(staff_user)
    assert [client.get(url).status_code for url in urls] == [200, 200]
    client.force_login(partner_user)
    assert [client.get(url).status_code for url in urls] == [403, 403]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "http:evil.example"]
)
def test_next_parameters_never_lead_off_site(client, objects, staff_user, target):
    from tests.core.factories import PASSWORD

    response = client.post(
        f"{LOGIN}?next={target}", {"username": staff_user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    for key in ["knowledge:page-follow", "knowledge:page-unfollow"]:
        response = client.post(ROUTES[key].url(objects), {"next": target})
        assert response.status_code == 302
        assert response["Location"] == objects["article"].url, key
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert "evil" not in response["Location"]


XSS = '<script>alert("xss")</script>'


@pytest.mark.django_db
def test_text_typed_by_people_is_escaped_on_every_page(client, objects, coordinator_user):
    """Names, bios, requests, certificate names, provider fields: typed by staff (or in the
    admin) and shown on HTML pages to others; none may come out as markup."""
    colleague = objects["colleague"]
    colleague.first_name = XSS
    colleague.save()
    profile = colleague.profile
    profile.display_name, profile.job_title, profile.bio = XSS, XSS, XSS
    profile.office = objects["office"]
    profile.save()
    TopicRequest.objects.filter(pk=objects["topic_request"].pk).update(topic=XSS, reason=XSS)
    Certificate.objects.filter(pk=objects["certificate"].pk).update(full_name=XSS)
    provider = objects["provider"]
    provider.name, provider.eligibility, provider.referral_note = XSS, XSS, XSS
    provider.save()
    TrainingSession.objects.filter(pk=objects["session"].pk).update(trainer=XSS, place=XSS)

    failures, shown = [], set()
    for key, route in sorted(ROUTES.items()):
        if route.method != "get" or key in {"healthz", "password_reset_confirm"}:
            continue
        client.logout()
        if route.access != PUBLIC:
            client.force_login(coordinator_user)
        url = route.url(objects)
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        body = b"".join(response) if response.streaming else response.content
        if b"<script>alert" in body:
            failures.append(f"{key} {url}")
        if b"&lt;script&gt;alert" in body:
            shown.add(key)
    for url in ["/directory/", "/directory/?print=1", "/people/?q=colega", "/training/sessions/"]:
        client.force_login(coordinator_user)
        if b"<script>alert" in client.get(url).content:
            failures.append(url)
    assert not failures
    # The text is there, escaped (so the check above is not vacuous).
    expected = {"people:profile", "network:provider-detail", "training:certificate-verify"}
    expected |= {"training:request-triage-list", "training:request-triage"}
    assert expected <= shown


@pytest.mark.django_db
def test_partners_search_finds_only_the_directory(client, objects, partner_user, staff_user):
    queries = {"Renovar": "Renovar a autorização", "regras": "Novas regras da AIMA"}
    queries["equipa"] = "Trabalho em equipa"
    client.force_login(staff_user)
    for query, title in queries.items():
        html = client.get(f"/search/?q={query}").content.decode()
        assert title in re.sub(r"</?mark>", "", html), query
    client.force_login(partner_user)
    for query, title in queries.items():
        assert title not in client.get(f"/search/?q={query}").content.decode(), query
    assert "Portel" in client.get("/search/?q=Portel").content.decode()
