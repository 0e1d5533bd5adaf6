import pytest

from tests.network.factories import SECRET, LanguageFactory, ServiceProviderFactory


@pytest.fixture
def languages(db):
    return {
        code: LanguageFactory(code=code, name=name, name_en=name_en)
        for code, name, name_en in [
            ("pt", "Português", "Portuguese"),
            ("uk", "Ucraniano", "Ukrainian"),
            ("ne", "Nepalês", "Nepali"),
        ]
    }


@pytest.fixture
def secret_provider(db, languages):
    return ServiceProviderFactory(
        slug="aima-evora",
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
