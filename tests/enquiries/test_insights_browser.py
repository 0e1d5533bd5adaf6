"""The insights in a real Chromium at 360 and 1280 px: no page scrolls sideways, every
chart label is inside its chart and legible, every bar is thick enough to see, and the
office × topic table (thirteen office rows) fits 1280 px without its own scrollbar.
Screenshots of each part at both widths go to var/screenshots/insights/ for a person to
look at."""

import random
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import pytest

from intranet.core.topics import ENQUIRY_TOPICS
from intranet.enquiries.insights import TOP_OFFICES
from intranet.enquiries.models import Enquiry
from tests.browser.pages import log_in
from tests.network.factories import SupportOfficeFactory

from .factories import rows
from .reading import INSIGHT_PARTS

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "insights"
WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _data():
    rng = random.Random(14)
    offices = [
        SupportOfficeFactory(
            title=f"Gabinete de Apoio ao Migrante de Vila Nova {n:02d}",
            slug=f"vila-nova-{n:02d}",
            municipality=f"Vila Nova {n:02d}",
        )
        for n in range(TOP_OFFICES + 2)
    ]
    today = timezone.localdate()
    entries = []
    for office in offices:
        for topic, _label in ENQUIRY_TOPICS:
            entries += rows(office, rng.randint(0, 30), topic=topic, day=today)
    Enquiry.objects.bulk_create(entries)


def _check_charts(page, width: int) -> int:
    charts = page.locator(".report-chart svg")
    for index in range(charts.count()):
        chart = charts.nth(index).bounding_box()
        assert chart["x"] >= 0 and chart["x"] + chart["width"] <= width + 0.5
        labels = charts.nth(index).locator(".report-chart__label, .report-chart__tick")
        for n in range(labels.count()):
            box = labels.nth(n).bounding_box()
            text = labels.nth(n).text_content()
            lines = max(1, labels.nth(n).locator("tspan").count())
            assert 10 * lines <= box["height"] <= 24 * lines, (
                f"label {text!r} is {box['height']:.0f} px high"
            )
            assert box["x"] >= chart["x"] - 1, f"label {text!r} cut on the left"
            assert box["x"] + box["width"] <= chart["x"] + chart["width"] + 1, (
                f"label {text!r} cut on the right"
            )
            assert "…" not in text, f"label {text!r} shortened"
        rows_ = charts.nth(index).locator(".report-chart__row")
        for n in range(rows_.count()):
            label = rows_.nth(n).locator(".report-chart__label").bounding_box()
            track = rows_.nth(n).locator(".report-chart__track").bounding_box()
            assert label["y"] + label["height"] <= track["y"] + 2, "a label runs into its bar"
        bars = charts.nth(index).locator(".report-chart__bar")
        for n in range(bars.count()):
            assert bars.nth(n).bounding_box()["height"] >= 10, "bars must stay legible"
    return charts.count()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_insights_charts_and_tables_read_at_360_and_1280_px(browser_page, coordinator_user):
    _data()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(browser_page, coordinator_user.username)
    charts = 0
    for name, size in WIDTHS.items():
        browser_page.set_viewport_size(size)
        for part in ["", *INSIGHT_PARTS]:
            path = f"/insights/{part}/" if part else "/insights/"
            browser_page.goto(browser_page.base_url + path)
            scroll = browser_page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= size["width"], f"{path} scrolls sideways at {size['width']} px"
            charts += _check_charts(browser_page, size["width"])
            browser_page.screenshot(
                path=str(SCREENSHOTS / f"{part or 'overview'}-{size['width']}.png"),
                full_page=True,
            )
        if name == "desktop":
            browser_page.goto(browser_page.base_url + "/insights/topics/")
            wrap = browser_page.locator("[data-testid=table-topic-office]").locator("xpath=..")
            widths = wrap.evaluate("e => [e.scrollWidth, e.clientWidth]")
            assert widths[0] <= widths[1], f"the office × topic table scrolls: {widths}"
            rows_ = browser_page.locator("[data-testid=table-topic-office] tbody tr")
            assert rows_.count() == TOP_OFFICES + 1  # the busiest, then "other offices"
    assert charts >= 2 * 10  # eleven charts on the six pages, at both widths
