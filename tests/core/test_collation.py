"""Names sort the Portuguese way: "Évora" among the Es, before "Vidigueira"."""

import pytest

from intranet.core.collation import by_name, sort_key, sorted_by_name
from network.models import ServiceProvider
from tests.network.factories import ServiceProviderFactory

NAMES = ["Vidigueira", "Évora", "Alvito", "Óbidos", "Cuba", "estremoz"]
EXPECTED = ["Alvito", "Cuba", "estremoz", "Évora", "Óbidos", "Vidigueira"]


def test_in_python():
    assert sorted(NAMES, key=sort_key) == EXPECTED
    assert sorted_by_name([{"n": n} for n in NAMES], key=lambda d: d["n"]) == [
        {"n": n} for n in EXPECTED
    ]


@pytest.mark.django_db
def test_in_the_database():
    for n, name in enumerate(NAMES):
        ServiceProviderFactory(slug=f"s{n}", name=name, municipality=name)
    names = ServiceProvider.objects.order_by(by_name("name")).values_list("name", flat=True)
    assert list(names) == EXPECTED


@pytest.mark.django_db
def test_the_directory_lists_evora_before_vidigueira(client_for, staff_user):
    for n, name in enumerate(NAMES):
        ServiceProviderFactory(slug=f"s{n}", name=f"Centro de Saúde {name}", municipality=name)
    html = client_for(staff_user).get("/directory/").content.decode()
    assert html.index("Centro de Saúde Évora") < html.index("Centro de Saúde Vidigueira")
    assert html.index('value="Évora"') < html.index('value="Vidigueira"')
