"""Field mode in Chromium, as a staff member in a field with no signal and as a partner:
entries logged offline survive a reload and a closed tab and reach the server exactly once
when the connection comes back; a refused entry comes back with its reason and can be
corrected; logging out clears the device (after a warning); the directory opens offline
without the referral notes partners never see."""

from django.utils import translation

import pytest

from intranet.enquiries.models import Enquiry, OutreachVisit
from intranet.enquiries.services.log import record_enquiry
from tests.browser.pages import Directory, EnquiryForm, FieldQueue, Header, log_in
from tests.network.factories import SECRET, ServiceProviderFactory, SupportOfficeFactory

from .factories import form_data

PHONE_NOTE = "Ligar-lhe para o 912 345 678 amanhã"


def _log_offline(page, topic: str, outcome: str, note: str = "") -> None:
    form = EnquiryForm(page)
    form.choose("topic", topic)
    form.choose("outcome", outcome)
    if note:
        form.field("note").fill(note)
    page.click("[data-testid=enquiry-save]")


def _open_enquiry_form(page) -> FieldQueue:
    page.goto(page.base_url + "/enquiries/new/")
    queue = FieldQueue(page)
    queue.wait_until_kept()
    return queue


@pytest.mark.browser
@pytest.mark.service_workers
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_enquiries_and_a_visit_logged_offline_reach_the_server_exactly_once(
    browser_page, staff_at_alcacovas, offices
):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, staff_at_alcacovas.username)
    queue = _open_enquiry_form(page)

    queue.go_offline()
    page.reload()  # the service worker answers with the copy it kept
    assert page.url.endswith("/enquiries/new/")
    assert EnquiryForm(page).field("office").input_value() == str(offices["alcacovas"].pk)
    _log_offline(page, "housing", "answered")
    queue.wait_for_count(1)
    _log_offline(page, "health", "referred")
    queue.wait_for_count(2)
    assert queue.count_shown == "2"
    assert not Enquiry.objects.exists()

    page.reload()
    queue.wait_for_count(2)
    # Closing the tab loses nothing: a new tab, still offline, shows both waiting.
    context = page.context
    page.close()
    page = context.new_page()
    page.base_url = browser_page.base_url
    page.goto(page.base_url + "/enquiries/new/")
    queue = FieldQueue(page)
    queue.wait_for_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    # The outreach form opens offline too, and its visit joins the same list.
    page.goto(page.base_url + "/enquiries/outreach/new/")
    queue.wait_for_count(2)
    page.locator("label[for=id_place_kind_0]").click()
    page.fill("#id_people_reached", "7")
    page.locator("input[name=topics][value=employment]").check()
    page.click("[data-testid=outreach-save]")
    queue.wait_for_count(3)

    queue.go_offline(False)  # the connection comes back: sent without a tap
    queue.wait_for_count(0)
    visit = OutreachVisit.objects.get()
    assert (visit.people_reached, visit.office_id) == (7, offices["alcacovas"].pk)
    assert list(visit.topics.values_list("topic", flat=True)) == ["employment"]
    stored = Enquiry.objects.order_by("topic")
    assert [(e.topic, e.outcome) for e in stored] == [
        ("health", "referred"),
        ("housing", "answered"),
    ]
    assert all(e.client_id and e.author_id == staff_at_alcacovas.pk for e in stored)

    page.reload()  # nothing left on the device, nothing sent twice
    queue.wait_for_count(0)
    assert Enquiry.objects.count() == 2 and OutreachVisit.objects.count() == 1


@pytest.mark.browser
@pytest.mark.service_workers
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_entry_comes_back_with_its_reason_and_can_be_corrected(
    browser_page, staff_at_alcacovas, offices
):
    with translation.override("en"):
        expected = record_enquiry(
            staff_at_alcacovas, form_data(offices["alcacovas"], note=PHONE_NOTE)
        ).errors["note"][0]
    page = browser_page
    log_in(page, staff_at_alcacovas.username)
    Header(page).switch_language("en")
    queue = _open_enquiry_form(page)
    queue.go_offline()
    _log_offline(page, "employment", "answered", note=PHONE_NOTE)
    queue.wait_for_count(1)

    queue.go_offline(False)
    page.wait_for_selector("[data-testid=queued-entry][data-state=refused]")
    assert f"Note: {expected}" in queue.errors()
    assert not Enquiry.objects.exists()
    # The dashboard shows it too (the app opens there); "Correct" opens the form with it.
    page.goto(page.base_url + "/")
    queue.wait_for_count(1)
    assert "Note:" in queue.errors()
    with page.expect_navigation():
        queue.fix()
    assert "/enquiries/new/" in page.url
    form = EnquiryForm(page)
    page.wait_for_function("document.querySelector('[name=note]').value !== ''")
    assert form.field("note").input_value() == PHONE_NOTE

    # On the form, "Correct" puts the entry back into it, with the same device id.
    form.field("note").fill("")
    queue.fix()
    assert form.field("note").input_value() == PHONE_NOTE
    assert form.checked("topic") == "employment"
    form.field("note").fill("Volta na segunda-feira.")
    form.save()
    assert page.url.endswith("/enquiries/")
    saved = Enquiry.objects.get()
    assert (saved.topic, saved.note) == ("employment", "Volta na segunda-feira.")
    FieldQueue(page).wait_for_count(0)
    assert Enquiry.objects.count() == 1


@pytest.mark.browser
@pytest.mark.service_workers
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_logging_out_warns_about_waiting_entries_then_clears_the_device(
    browser_page, staff_at_alcacovas, offices
):
    page = browser_page
    log_in(page, staff_at_alcacovas.username)
    queue = _open_enquiry_form(page)
    queue.go_offline()
    _log_offline(page, "employment", "answered", note=PHONE_NOTE)
    queue.go_offline(False)
    page.wait_for_selector("[data-testid=queued-entry][data-state=refused]")
    assert queue.device_holds()["entries"] == 1

    warnings = []

    def answer(dialog, accept):
        warnings.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    Header(page).open_user_menu()
    page.click("[data-testid=logout]")
    page.wait_for_timeout(300)  # no navigation follows a "no": give it a moment to prove it
    assert "1" in warnings[0]
    assert page.url.endswith("/enquiries/new/")
    assert queue.device_holds()["entries"] == 1

    page.once("dialog", lambda dialog: answer(dialog, True))
    with page.expect_navigation():
        page.click("[data-testid=logout]")
    assert len(warnings) == 2
    held = FieldQueue(page).device_holds()
    assert held["entries"] == 0
    assert not [name for name in held["caches"] if name.startswith("sf-person-")]

    log_in(page, staff_at_alcacovas.username)
    queue = _open_enquiry_form(page)
    queue.wait_for_count(0)
    assert not page.locator("[data-testid=field-queue]").is_visible()


@pytest.mark.browser
@pytest.mark.service_workers
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_partner_reads_the_directory_offline_without_referral_notes(browser_page, partner_user):
    SupportOfficeFactory(
        slug="gabinete-cuba", title="Gabinete de Apoio de Cuba", phone="284 415 100"
    )
    ServiceProviderFactory(
        slug="aima-evora", name="AIMA — Loja de Évora", phone="217 115 000", referral_note=SECRET
    )
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, partner_user.username)
    Directory(page).open()
    queue = FieldQueue(page)
    queue.wait_until_kept()
    # The partner's copy on the device: the directory page and nothing else of theirs.
    kept = page.evaluate(
        """async () => {
            const name = (await caches.keys()).find(key => key.startsWith("sf-person-"));
            const requests = await (await caches.open(name)).keys();
            return requests.map(r => new URL(r.url).pathname);
        }"""
    )
    assert sorted(kept) == ["/__field-mode__/kept.json", "/directory/offline/"]

    queue.go_offline()
    page.goto(page.base_url + "/directory/offline/")
    assert page.locator("[data-testid=offline-saved-at]").is_visible()
    entries = page.locator("[data-testid=offline-entry]")
    assert "Gabinete de Apoio de Cuba" in entries.all_inner_texts()[0]
    assert page.locator("a[href='tel:217115000']").is_visible()
    assert "Xerazade" not in page.content() and "4242" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # A page that was not kept: a notice that leads to the pages that were.
    page.goto(page.base_url + "/directory/map/")
    notice = page.locator("[data-testid=offline-notice]")
    assert notice.is_visible()
    assert notice.locator("a").evaluate_all("links => links.map(a => a.pathname)") == [
        "/directory/offline/"
    ]


@pytest.mark.browser
@pytest.mark.service_workers
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_device_keeps_only_static_files_and_the_persons_own_offline_pages(
    browser_page, staff_at_alcacovas, offices
):
    page = browser_page
    log_in(page, staff_at_alcacovas.username)
    for path in ["/", "/people/", "/admin/", "/enquiries/", "/enquiries/new/"]:
        page.goto(page.base_url + path)
    FieldQueue(page).wait_until_kept()
    kept = page.evaluate(
        """async () => {
            const found = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) {
                    found.push([name.replace(/-[0-9a-f]+$/, ""), new URL(request.url).pathname]);
                }
            }
            return found;
        }"""
    )
    pages = sorted(path for cache, path in kept if cache == "sf-person")
    assert pages == [
        "/__field-mode__/kept.json",
        "/directory/offline/",
        "/enquiries/new/",
        "/enquiries/outreach/new/",
    ]
    others = {path for cache, path in kept if cache != "sf-person"}
    assert others and all(path.startswith("/static/") for path in others), others
