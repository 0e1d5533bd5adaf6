"""A real Chromium at phone width: the partner logs in, lands on the directory, filters it,
opens a provider and never sees its referral note."""

import pytest

from tests.browser.pages import Directory, log_in
from tests.core.factories import PartnerFactory
from tests.network.factories import SECRET, ServiceProviderFactory, SupportOfficeFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_partner_filters_the_directory_on_a_phone(browser_page):
    PartnerFactory(username="rui", first_name="Rui", last_name="Valadas")
    SupportOfficeFactory(
        slug="gabinete-cuba", title="Gabinete de Apoio de Cuba", municipality="Cuba"
    )
    ServiceProviderFactory(
        slug="cs-cuba", name="Centro de Saúde de Cuba", municipality="Cuba", referral_note=SECRET
    )
    ServiceProviderFactory(
        slug="ss-evora", name="Segurança Social — Évora", category="social-security"
    )

    page = browser_page
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, "rui")
    page.wait_for_url("**/directory/")

    directory = Directory(page)
    assert set(directory.provider_names()) == {
        "Centro de Saúde de Cuba",
        "Segurança Social — Évora",
    }
    directory.filter(municipality="Cuba")
    assert "municipality=Cuba" in page.url
    assert directory.provider_names() == ["Centro de Saúde de Cuba"]
    assert directory.fits(360)

    with page.expect_navigation():
        page.get_by_role("link", name="Centro de Saúde de Cuba").click()
    assert page.url.endswith("/directory/services/cs-cuba/")
    assert SECRET not in page.content()
