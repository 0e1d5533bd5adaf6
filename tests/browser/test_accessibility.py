"""Every main page, as each role sees it with the demo data, passes an automated WCAG 2.2 AA
scan (axe-core: no serious or critical violation), has exactly one h1, and fits a 360 px
phone screen without sideways scrolling.

The demo data takes a while to load, so it is loaded once per test and many pages are
checked in that test; every problem found is collected and reported together.
"""

import io
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

import pytest

from tests.browser.pages import log_in

DEMO_PASSWORD = "sem-fronteiras-demo"
PHONE_WIDTH = 360
DESKTOP = {"width": 1280, "height": 900}
# WCAG 2.0-2.2 A and AA rules plus axe's best practices (landmarks, heading order...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": AXE_TAGS}}


def _page_url(page_model, **filters):
    page = page_model.objects.live().filter(**filters).order_by("path").first()
    assert page is not None, f"the demo data has no live {page_model.__name__} {filters}"
    return page.get_url(None)


def staff_paths() -> list:
    from intranet.core.models import ContentPage
    from intranet.knowledge.models import KnowledgeArticlePage, KnowledgeSectionPage
    from intranet.legal.models import LegalUpdatePage
    from training.models import Certificate, TrainingModulePage, TrainingSession

    session = TrainingSession.objects.order_by("starts_at").last()
    certificates = Certificate.objects.order_by("pk")[:1]
    someone = User.objects.filter(groups__name="Staff").exclude(username="staff").order_by("pk")
    return [
        "/",
        "/training/",
        _page_url(TrainingModulePage),
        reverse("training:progress"),
        reverse("training:session-list"),
        reverse("training:session-detail", args=[session.pk]),
        reverse("training:request-list"),
        reverse("training:calendar"),
        "/legal-updates/",
        _page_url(LegalUpdatePage, must_acknowledge=True),
        reverse("legal:my-feed"),
        reverse("people:finder"),
        reverse("people:finder") + "?q=ana",
        reverse("people:profile", args=[someone.first().username]),
        reverse("people:profile", args=["staff"]),
        reverse("people:edit-own"),
        Visit(
            reverse("people:edit-own"),
            fill={"#id_phone": "telefone"},
            submit="[data-testid=profile-save]",
        ),
        Visit(reverse("training:request-list"), submit="[data-testid=request-submit]"),
        Visit("/esta-pagina-nao-existe/", status=404),
        "/knowledge-base/",
        _page_url(KnowledgeSectionPage),
        _page_url(KnowledgeArticlePage),
        reverse("knowledge:following-list"),
        reverse("password_change"),
        _page_url(ContentPage),
        *[reverse("training:certificate-verify", args=[c.code]) for c in certificates],
        *directory_paths(),
        *enquiry_paths(),
    ]


def coordinator_paths() -> list:
    from intranet.legal.models import LegalUpdatePage
    from training.models import TopicRequest, TrainingSession

    session = TrainingSession.objects.filter(bookings__isnull=False).order_by("starts_at").first()
    topic_request = TopicRequest.objects.order_by("pk").first()
    must_read = LegalUpdatePage.objects.live().filter(must_acknowledge=True).first()
    staff = User.objects.get(username="staff")
    return [
        "/",
        reverse("training:report"),
        reverse("training:request-triage-list"),
        reverse("training:request-triage", args=[topic_request.pk]),
        reverse("training:attendance", args=[session.pk]),
        reverse("training:progress-person", args=[staff.pk]),
        reverse("legal:report"),
        reverse("legal:report-detail", args=[must_read.pk]),
        reverse("knowledge:review-report"),
        reverse("people:profile", args=["staff"]),
        reverse("people:edit", args=["staff"]),
        *coordinator_enquiry_paths(),
    ]


def enquiry_paths() -> list:
    """The enquiry log, outreach, service gaps and insights, as the staff demo user."""
    from intranet.enquiries.models import Enquiry, OutreachVisit, ServiceGap

    entry = Enquiry.objects.filter(author__username="staff").order_by("-pk").first()
    visit = OutreachVisit.objects.filter(office__slug="gabinete-alcacovas").order_by("pk").first()
    gap = ServiceGap.objects.order_by("pk").first()
    return [
        reverse("enquiries:log"),
        reverse("enquiries:enquiry-new"),
        Visit(
            reverse("enquiries:enquiry-new"),
            fill={"#id_note": "Ligar para 912 345 678"},
            submit="[data-testid=enquiry-save]",
        ),
        reverse("enquiries:enquiry-detail", args=[entry.pk]),
        reverse("enquiries:outreach-list"),
        reverse("enquiries:outreach-new"),
        reverse("enquiries:outreach-detail", args=[visit.pk]),
        reverse("enquiries:gap-list"),
        reverse("enquiries:gap-new"),
        reverse("enquiries:gap-detail", args=[gap.pk]),
        reverse("enquiries:insights"),
    ]


def coordinator_enquiry_paths() -> list:
    from intranet.enquiries.models import Enquiry, ServiceGap

    gap = ServiceGap.objects.filter(status="raised").first()
    entry = Enquiry.objects.order_by("pk").first()
    return [
        reverse("enquiries:insights"),
        reverse("enquiries:insights") + "?topic=health",
        reverse("enquiries:log"),
        reverse("enquiries:enquiry-edit", args=[entry.pk]),
        reverse("enquiries:gap-detail", args=[gap.pk]),
        Visit(
            reverse("enquiries:gap-detail", args=[gap.pk]), submit="[data-testid=gap-status-save]"
        ),
        reverse("enquiries:gap-letter", args=[gap.pk]),
    ]


def directory_paths() -> list[str]:
    from network.models import ServiceProvider, SupportOfficePage

    provider = ServiceProvider.objects.order_by("name").first()
    return [
        "/directory/",
        "/directory/?print=1",
        _page_url(SupportOfficePage, slug="gabinete-alcacovas"),
        reverse("network:provider-detail", args=[provider.slug]),
        reverse("network:office-map"),
        reverse("network:partner-list"),
        reverse("network:offline-directory"),
        reverse("search") + "?q=AIMA",
    ]


@dataclass
class Visit:
    """A page to check in a state other than a plain GET answered with 200: an error page,
    or a form sent with bad input (its errors must be as accessible as the form)."""

    path: str
    status: int = 200
    fill: dict[str, str] = field(default_factory=dict)
    submit: str = ""

    def __str__(self):
        return f"{self.path} (sent with {self.fill})" if self.submit else self.path


ANONYMOUS_PATHS = [
    "/accounts/login/",
    Visit(
        "/accounts/login/",
        fill={"#id_username": "ninguem", "#id_password": "errada"},
        submit="[data-testid=login-submit]",
    ),
    "/accounts/password_reset/",
    Visit(
        "/accounts/password_reset/",
        fill={"#id_email": "isto-nao-e-um-email"},
        submit="[data-testid=password-reset-submit]",
    ),
    "/accounts/password_reset/done/",
    "/accounts/reset/invalid/invalid-token/",
]

# Impact "moderate" in axe, but the house style requires headings in order.
ALWAYS_FAIL = {"heading-order"}

INVALID_FIELDS_WITHOUT_MESSAGE = """() => [...document.querySelectorAll('[aria-invalid=true]')]
  .filter(el => !(el.getAttribute('aria-describedby') || '').split(/\\s+/)
    .some(id => id && document.getElementById(id)?.textContent.trim()))
  .map(el => el.id || el.name)"""


def check_page(page, base_url: str, visit) -> list[str]:
    """Open the page and return what is wrong with it (empty when all is well)."""
    from axe_playwright_python.sync_playwright import Axe

    if isinstance(visit, str):
        visit = Visit(visit)
    problems = []
    page.set_viewport_size(DESKTOP)
    response = page.goto(base_url + visit.path)
    if visit.submit:
        for selector, value in visit.fill.items():
            page.fill(selector, value)
        with page.expect_navigation() as navigation:
            page.click(visit.submit)
        response = navigation.value
        if not page.locator("[aria-invalid=true], [role=alert]").count():
            problems.append(f"{visit}: the form shows no error")
    status = response.status if response else "no response"
    if status != visit.status:
        return [f"{visit}: HTTP {status} instead of {visit.status}"]
    results = Axe().run(page, options=AXE_OPTIONS)
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical") or violation["id"] in ALWAYS_FAIL:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            problems.append(f"{visit}: {violation['id']} ({violation['impact']}) at {targets}")
    if unexplained := page.evaluate(INVALID_FIELDS_WITHOUT_MESSAGE):
        problems.append(f"{visit}: fields marked invalid without a message: {unexplained}")
    headings = page.locator("h1").count()
    if headings != 1:
        problems.append(f"{visit}: {headings} h1 elements instead of one")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE_WIDTH:
        problems.append(f"{visit}: {width} px wide at a {PHONE_WIDTH} px screen")
    return problems


def check_pages_as(chromium_browser, base_url: str, username: str | None, paths) -> list[str]:
    context = chromium_browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        if username:
            log_in(page, username, DEMO_PASSWORD, base_url=base_url)
        who = username or "anonymous"
        problems = []
        for path in paths:
            problems += [f"[{who}] {problem}" for problem in check_page(page, base_url, path)]
        return problems
    finally:
        context.close()


# The first link, button or field in <main> after its h1: on the dashboard the first panel's
# action, on the partners' directory the filter.
FIRST_CONTENT = """() => {
  const main = document.querySelector('main');
  const h1 = main.querySelector('h1');
  const controls = [...main.querySelectorAll('a[href], button, input:not([type=hidden]), select')]
    .filter(el => el.offsetParent !== null
      && (!h1 || (h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)));
  if (!controls.length) return null;
  const box = controls[0].getBoundingClientRect();
  return {bottom: box.bottom + window.scrollY, text: controls[0].textContent.trim().slice(0, 60)};
}"""


def check_first_content_above_the_fold(chromium_browser, base_url: str, username: str) -> list:
    """On a 360×740 phone, what the person logs in for starts on the first screen: the
    header is one bar and no panel repeating the navigation comes first."""
    context = chromium_browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740})
    page = context.new_page()
    try:
        log_in(page, username, DEMO_PASSWORD, base_url=base_url)
        page.goto(base_url + "/")
        first = page.evaluate(FIRST_CONTENT)
        if first is None:
            return [f"[{username}] the dashboard has no link or button below its heading"]
        if first["bottom"] > 740:
            return [
                f"[{username}] first content ({first['text']!r}) ends {first['bottom']:.0f} px "
                "down, below a 740 px phone screen"
            ]
        return []
    finally:
        context.close()


def check_skip_link(chromium_browser, base_url: str) -> None:
    """The first Tab shows the skip link; following it, the next Tab lands in the content."""
    context = chromium_browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(base_url + "/accounts/login/")
        page.keyboard.press("Tab")
        skip_link = page.locator(":focus")
        assert skip_link.get_attribute("href") == "#main-content"
        box = skip_link.bounding_box()
        assert box is not None and box["y"] >= 0 and box["width"] > 1, "skip link off-screen"
        assert skip_link.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_anonymous_pages_are_accessible_and_fit_a_phone(chromium_browser, live_server):
    problems = check_pages_as(chromium_browser, live_server.url, None, ANONYMOUS_PATHS)
    assert problems == [], "\n".join(problems)
    check_skip_link(chromium_browser, live_server.url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_main_pages_of_every_role_are_accessible_and_fit_a_phone(chromium_browser, live_server):
    call_command("load_demo", stdout=io.StringIO())
    plan = {
        "staff": staff_paths(),
        "coordinator": coordinator_paths(),
        "partner": [
            *directory_paths(),
            Visit("/training/", status=403),
            Visit("/enquiries/", status=403),
            Visit("/insights/", status=403),
        ],
    }
    problems = []
    for username, paths in plan.items():
        problems += check_pages_as(chromium_browser, live_server.url, username, paths)
    for username in ("staff", "coordinator", "partner", "admin"):
        problems += check_first_content_above_the_fold(chromium_browser, live_server.url, username)
    assert problems == [], "\n".join(problems)
