"""Factories for the network directory: offices, providers, languages, partner organisations.

    SupportOfficeFactory(slug="gabinete-cuba", title="Gabinete de Apoio de Cuba",
                         municipality="Cuba", hours=[(0, (9, 0), (12, 30))])
    ServiceProviderFactory(slug="cs-cuba", referral_note=SECRET, languages=[pt])
    LanguageFactory(code="uk", name="Ucraniano", name_en="Ukrainian")
    PartnerOrganisationFactory(name="FACETS", kind="transnational")

Hours are ``(weekday, (h, m), (h, m))`` with Monday as 0. Offices are published under the
directory page that the data migration makes.
"""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from network.models import (
    Language,
    NetworkDirectoryPage,
    OfficeOpeningHours,
    PartnerOrganisation,
    ProviderOpeningHours,
    ServiceProvider,
    SupportOfficePage,
)
from tests.core.factories import PublishedPageFactory

# An internal referral note: partners must never see it, wherever it might show.
SECRET = "Ligar à Dra. Xerazade pela extensão 4242"


def _hours(model, rows) -> list:
    return [
        model(weekday=day, opens=dt.time(*opens), closes=dt.time(*closes), sort_order=i)
        for i, (day, opens, closes) in enumerate(rows)
    ]


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"l{n}")
    name = factory.LazyAttribute(lambda o: o.code.upper())
    name_en = factory.LazyAttribute(lambda o: o.code.upper())


class SupportOfficeFactory(PublishedPageFactory):
    """A published support office in the directory; ``hours`` and ``languages`` optional."""

    class Meta:
        model = SupportOfficePage

    class Params:
        hours = ()

    title = factory.Sequence(lambda n: f"Gabinete de Apoio {n}")
    municipality = "Portel"
    parent = factory.LazyFunction(NetworkDirectoryPage.objects.get)
    opening_hours = factory.LazyAttribute(lambda o: _hours(OfficeOpeningHours, o.hours))


class ServiceProviderFactory(DjangoModelFactory):
    """A service provider; ``hours`` and ``languages`` optional."""

    class Meta:
        model = ServiceProvider

    class Params:
        hours = ()

    slug = factory.Sequence(lambda n: f"servico-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    category = "health-centre"
    municipality = "Évora"
    opening_hours = factory.LazyAttribute(lambda o: _hours(ProviderOpeningHours, o.hours))


class PartnerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Organização parceira {n}")
    kind = PartnerOrganisation.Kind.MUNICIPALITY
    role = "Município parceiro: acolhe um gabinete de apoio."


def many_offices(count: int, municipality: str = "Mértola") -> list:
    """``count`` more offices, named "Posto de apoio N" (with the two or three of a test,
    a network too large for a select)."""
    return [
        SupportOfficeFactory(title=f"Posto de apoio {n}", municipality=municipality)
        for n in range(count)
    ]


def count_options(html: str) -> int:
    """The most options any one ``<select>`` of a page has."""
    selects = html.split("<select")[1:]
    return max((part.split("</select>")[0].count("<option") for part in selects), default=0)
