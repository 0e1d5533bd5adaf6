import datetime as dt

import pytest

from network.models import (
    Language,
    NetworkDirectoryPage,
    OfficeOpeningHours,
    ProviderOpeningHours,
    ServiceProvider,
    SupportOfficePage,
)

SECRET = "Ligar à Dra. Xerazade pela extensão 4242"


def add_office(slug="gabinete-teste", title="Gabinete de Apoio de Teste", hours=(), **fields):
    directory = NetworkDirectoryPage.objects.get()
    fields.setdefault("municipality", "Portel")
    office = SupportOfficePage(title=title, slug=slug, **fields)
    office.opening_hours = [
        OfficeOpeningHours(weekday=d, opens=dt.time(*o), closes=dt.time(*c)) for d, o, c in hours
    ]
    directory.add_child(instance=office)
    office.save_revision().publish()
    return SupportOfficePage.objects.get(pk=office.pk)


def add_provider(slug, name=None, hours=(), languages=(), **fields):
    fields.setdefault("category", "health-centre")
    fields.setdefault("municipality", "Évora")
    provider = ServiceProvider(slug=slug, name=name or slug.replace("-", " ").title(), **fields)
    provider.opening_hours = [
        ProviderOpeningHours(weekday=d, opens=dt.time(*o), closes=dt.time(*c)) for d, o, c in hours
    ]
    provider.languages = list(languages)
    provider.save()
    return provider


@pytest.fixture
def languages(db):
    return {
        code: Language.objects.create(code=code, name=name, name_en=name_en)
        for code, name, name_en in [
            ("pt", "Português", "Portuguese"),
            ("uk", "Ucraniano", "Ukrainian"),
            ("ne", "Nepalês", "Nepali"),
        ]
    }


@pytest.fixture
def secret_provider(db, languages):
    return add_provider(
        "aima-evora",
        name="AIMA — Loja de Évora",
        category="immigration",
        phone="217 115 000",
        email="evora@aima.example",
        address="Rua da Fonte Nova, 1\n7000-711 Évora",
        eligibility="Cidadãos estrangeiros com agendamento.",
        referral_note=SECRET,
        hours=[(0, (9, 0), (16, 0))],
        languages=[languages["pt"]],
    )
