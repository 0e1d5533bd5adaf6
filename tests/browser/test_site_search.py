"""The one search box, in a real Chromium at a phone's and a desktop's width: a colleague
by name and a partner's search for health centres."""

import pytest

from tests.browser.pages import SiteSearch, log_in
from tests.core.factories import PartnerFactory, StaffFactory
from tests.network.factories import ServiceProviderFactory
from tests.people.factories import ProfileFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_one_search_box_finds_people_and_services(chromium_browser, live_server, width):
    StaffFactory(username="joana", first_name="Joana", last_name="Simões")
    PartnerFactory(username="rui", first_name="Rui", last_name="Valadas")
    ProfileFactory(username="andre.pestana", first_name="André", last_name="Pestana")
    ServiceProviderFactory(
        slug="cs-portel",
        name="Centro de Saúde de Portel",
        referral_note="Ligar à enfermeira Xerazade.",
    )
    context = chromium_browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()

    log_in(page, "joana", base_url=live_server.url)
    search = SiteSearch(page).search("pestana")
    assert search.groups() == {"people": ["André Pestana"]}
    assert search.highlighted() == ["Pestana"]
    assert search.fits(width)

    context.clear_cookies()
    log_in(page, "rui", base_url=live_server.url)
    search = SiteSearch(page).search("saúde")
    assert search.groups() == {"services": ["Centro de Saúde de Portel"]}
    assert "Saúde" in search.highlighted()
    assert "Xerazade" not in page.content()
    assert search.fits(width)
    context.close()
