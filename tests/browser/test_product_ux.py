"""Issue 15, items 4–9, as a person meets them in a real Chromium at a phone's 360 px and
a desktop's 1280 px: the folded header (with and without JavaScript), "waiting for me",
writing from the page, calendars, the profile form, the legal list and the office map."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from intranet.people.models import Profile
from tests.browser.pages import Header, log_in
from tests.core.factories import CoordinatorFactory, StaffFactory

WIDTHS = [360, 1280]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_width(page, width: int):
    page.set_viewport_size({"width": width, "height": 740 if width == 360 else 900})


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_header_menu_and_search(browser_page, width):
    StaffFactory(username="joana", first_name="Joana", last_name="Simões")
    at_width(browser_page, width)
    log_in(browser_page, "joana")
    header = Header(browser_page)
    nav = browser_page.locator(".main-nav")
    if width == 360:
        # Brand, search and menu on one line: the header is one short bar.
        assert browser_page.locator(".site-header").bounding_box()["height"] < 80
        assert header.is_folded() and not nav.is_visible()
        browser_page.click("[data-testid=menu-toggle]")
        assert nav.is_visible()
        assert browser_page.get_attribute("[data-testid=menu-toggle]", "aria-expanded") == "true"
        browser_page.click("[data-testid=menu-toggle]")
        assert not nav.is_visible()
        # Search in one tap: the box opens with the cursor in it.
        browser_page.click("[data-testid=search-toggle]")
        assert browser_page.evaluate("document.activeElement.id") == "site-search-q"
    else:
        assert not header.is_folded() and nav.is_visible()
        assert browser_page.locator("#site-search-q").is_visible()
    assert len(header.section_links()) >= 5
    header.search("AIMA")
    assert "/search/" in browser_page.url
    assert fits(browser_page, width)


def test_phone_menu_works_without_javascript(chromium_browser, live_server):
    StaffFactory(username="joana")
    context = chromium_browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, "joana", base_url=live_server.url)
        assert not page.locator(".main-nav").is_visible()
        page.click("[data-testid=menu-toggle]")
        assert page.locator(".main-nav").is_visible()
        assert page.locator("[data-testid=menu-close]").is_visible()
        # The brand line stays in view when the menu opens.
        assert page.evaluate("window.scrollY") == 0
        page.click("[data-testid=menu-close]")
        assert not page.locator(".main-nav").is_visible()
        page.click("[data-testid=search-toggle]")
        assert page.locator("#site-search-q").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_coordinator_sees_what_is_waiting_first_and_follows_a_link(browser_page, width):
    from tests.training.factories import TopicRequestFactory

    CoordinatorFactory(username="marta", first_name="Marta")
    TopicRequestFactory(topic="Arrendamento jovem")
    at_width(browser_page, width)
    log_in(browser_page, "marta")
    first = browser_page.locator("[data-testid^=panel-]").first
    assert first.get_attribute("data-testid") == "panel-waiting"
    link = browser_page.locator("[data-testid=waiting-topic-requests] a")
    assert link.bounding_box()["y"] + link.bounding_box()["height"] <= 740
    with browser_page.expect_navigation():
        link.click()
    assert reverse("training:request-triage-list") in browser_page.url
    assert "Arrendamento jovem" in browser_page.content()


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_start_an_article_and_edit_a_page_from_the_site(browser_page, width):
    from tests.knowledge.factories import KnowledgeArticlePageFactory, KnowledgeSectionPageFactory

    joana = StaffFactory(username="joana", first_name="Joana", last_name="Simões")
    section = KnowledgeSectionPageFactory(title="Educação", slug="educacao")
    article = KnowledgeArticlePageFactory(parent=section, title="Matrícula escolar", owner=joana)
    at_width(browser_page, width)
    log_in(browser_page, "joana")
    browser_page.goto(browser_page.base_url + section.url)
    with browser_page.expect_navigation():
        browser_page.click("[data-testid=page-add]")
    assert f"/admin/pages/add/knowledge/knowledgearticlepage/{section.pk}/" in browser_page.url
    owner = browser_page.locator("select[name=owner] option:checked").inner_text()
    assert owner.strip().startswith("Joana Simões")
    browser_page.goto(browser_page.base_url + article.url)
    with browser_page.expect_navigation():
        browser_page.click("[data-testid=page-edit]")
    assert f"/admin/pages/{article.pk}/edit/" in browser_page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_add_a_session_to_my_calendar_and_copy_the_subscription(browser_page, width):
    from tests.network.factories import SupportOfficeFactory
    from tests.training.factories import ModuleFactory, SessionFactory

    StaffFactory(username="joana")
    office = SupportOfficeFactory(hours=[(2, (9, 0), (12, 30))])  # Wednesdays only
    day = timezone.localdate() + dt.timedelta(days=21)
    day += dt.timedelta(days=(2 - day.weekday()) % 7)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    session = SessionFactory(
        module=ModuleFactory(title="Acolhimento"),
        office=office,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
    )
    at_width(browser_page, width)
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(browser_page, "joana")
    browser_page.goto(browser_page.base_url + reverse("training:session-detail", args=[session.pk]))
    hours = browser_page.locator("[data-testid=office-hours-on-day]").inner_text()
    assert "09:00–12:30" in hours
    with browser_page.expect_download() as download:
        browser_page.click("[data-testid=session-ics]")
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == starts
    assert fits(browser_page, width)

    browser_page.goto(browser_page.base_url + reverse("training:calendar"))
    with browser_page.expect_navigation():
        browser_page.click("[data-testid=create-feed]")
    assert browser_page.locator("[data-testid=feed-explained]").is_visible()
    browser_page.click("[data-testid=copy-my-feed]")
    browser_page.wait_for_function(
        "document.querySelector('[data-testid=copy-my-feed]').hasAttribute('data-copied-at')"
    )
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    assert copied == browser_page.input_value("[data-testid=my-feed-url]")
    assert "Copiado" in browser_page.locator("[data-testid=copy-my-feed]").inner_text()
    assert fits(browser_page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_profile_languages_added_without_saving_and_expertise_as_chips(browser_page, width):
    user = StaffFactory(username="joana")
    at_width(browser_page, width)
    log_in(browser_page, "joana")
    browser_page.goto(browser_page.base_url + reverse("people:edit-own"))
    browser_page.select_option("#id_languages-0-language", "uk")
    browser_page.select_option("#id_languages-0-level", "fluent")
    browser_page.click("[data-testid=add-language]")
    browser_page.select_option("#id_languages-1-language", "ro")
    browser_page.select_option("#id_languages-1-level", "basic")
    assert browser_page.input_value("#id_languages-TOTAL_FORMS") == "2"
    # Expertise: chips, added with Enter or a comma, removed with their button.
    browser_page.fill("#id_expertise", "reagrupamento familiar")
    browser_page.press("#id_expertise", "Enter")
    browser_page.type("#id_expertise", "AIMA,")
    browser_page.fill("#id_expertise", "engano")
    browser_page.press("#id_expertise", "Enter")
    chips = browser_page.locator("[data-testid=expertise-chips] .chip")
    assert chips.count() == 3
    browser_page.click("[data-testid=expertise-chips] button[aria-label*=engano]")
    assert chips.count() == 2
    assert fits(browser_page, width)
    with browser_page.expect_navigation():
        browser_page.click("[data-testid=profile-save]")
    profile = Profile.objects.get(user=user)
    assert sorted(profile.languages.values_list("language", "level")) == [
        ("ro", "basic"),
        ("uk", "fluent"),
    ]
    assert sorted(t.name for t in profile.expertise.all()) == ["AIMA", "reagrupamento familiar"]


@pytest.mark.parametrize("width", WIDTHS)
def test_office_map_is_reachable_by_keyboard_and_legal_overdue_is_marked(browser_page, width):
    from tests.legal.factories import MustReadUpdateFactory
    from tests.network.factories import SupportOfficeFactory

    StaffFactory(username="joana")
    SupportOfficeFactory(
        title="Gabinete de Apoio de Alcáçovas",
        in_town_hall=False,
        latitude=Decimal("38.3943"),
        longitude=Decimal("-8.1557"),
    )
    cuba = SupportOfficeFactory(
        title="Gabinete de Apoio de Cuba",
        in_town_hall=True,
        latitude=Decimal("38.1667"),
        longitude=Decimal("-7.8917"),
    )
    MustReadUpdateFactory(
        title="Prazo ultrapassado", acknowledge_by=timezone.localdate() - dt.timedelta(days=5)
    )
    at_width(browser_page, width)
    log_in(browser_page, "joana")
    browser_page.goto(browser_page.base_url + reverse("network:office-map"))
    assert browser_page.locator("[data-testid=map-office]").count() == 2
    browser_page.focus("[data-testid=office-map]")
    for _ in range(40):
        browser_page.keyboard.press("Tab")
        if browser_page.evaluate("document.activeElement.getAttribute('href')") == cuba.url:
            break
    else:
        pytest.fail("no map link reached with the keyboard")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    assert browser_page.url.endswith(cuba.url)

    browser_page.goto(browser_page.base_url + "/legal-updates/")
    overdue = browser_page.locator("[data-testid=overdue]")
    assert overdue.is_visible() and "em atraso" in overdue.inner_text()
    assert fits(browser_page, width)
