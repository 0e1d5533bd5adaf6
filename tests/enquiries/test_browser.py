"""A staff member logs an enquiry from the dashboard on a 360 px phone, in one screen:
the defaults are filled in, the answer at hand appears once a topic is chosen (without a
reload), and the saved enquiry is in the log."""

import datetime

from django.utils import timezone

import pytest

from intranet.enquiries.models import Enquiry
from intranet.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeBaseIndexPage,
    KnowledgeSectionPage,
)
from tests.browser.pages import EnquiryForm, log_in

from .factories import EnquiryFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_staff_member_logs_an_enquiry_from_the_dashboard_on_a_phone(
    browser_page, staff_user, offices, providers
):
    staff_user.profile.office = offices["cuba"]
    staff_user.profile.save()
    EnquiryFactory(
        office=offices["cuba"],
        author=staff_user,
        channel="phone",
        date=timezone.localdate() - datetime.timedelta(days=2),
    )
    section = KnowledgeSectionPage(title="Habitação", slug="habitacao")
    KnowledgeBaseIndexPage.objects.get().add_child(instance=section)
    article = KnowledgeArticlePage(
        title="Arrendar casa: direitos de quem arrenda",
        slug="arrendar",
        summary="Contrato, caução.",
    )
    section.add_child(instance=article)
    article.tags.add("habitação")
    article.save_revision().publish()

    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, staff_user.username).click_and_wait("[data-testid=dashboard-log-enquiry]")
    assert page.url.endswith("/enquiries/new/")

    form = EnquiryForm(page)
    assert form.field("date").input_value() == timezone.localdate().isoformat()
    assert form.field("office").input_value() == str(offices["cuba"].pk)
    assert form.checked("channel") == "phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The "show" button is for browsers without JavaScript.
    assert not page.locator("[data-testid=show-resources]").is_visible()

    page.evaluate("window.sameDocument = true")
    form.choose("topic", "housing")
    form.resources("knowledge").wait_for()
    assert "Arrendar casa" in form.resources("knowledge").inner_text()
    assert form.resources("provider").count() == 0 or form.resources("provider").is_visible()
    assert page.evaluate("window.sameDocument === true"), "the page was reloaded"
    offered = page.locator("[data-subtopic] option[data-topic]").evaluate_all(
        "options => options.map(o => o.dataset.topic)"
    )
    assert offered and set(offered) == {"housing"}

    form.field("subtopic").select_option("renting")
    form.choose("outcome", "referred")
    form.field("provider").select_option(str(providers["ss-cuba"].pk))
    tap_targets = page.locator(".choice").evaluate_all(
        "labels => labels.map(l => l.getBoundingClientRect().height)"
    )
    assert min(tap_targets) >= 44
    form.save()

    assert page.url.endswith("/enquiries/")
    saved = Enquiry.objects.latest("pk")
    assert (saved.topic, saved.subtopic, saved.outcome, saved.channel) == (
        "housing",
        "renting",
        "referred",
        "phone",
    )
    assert saved.author_id == staff_user.pk and saved.office_id == offices["cuba"].pk
    entry = page.locator(f"[data-testid=enquiry-{saved.pk}]")
    assert entry.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
