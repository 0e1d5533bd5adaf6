"""The directory at national scale (``seed_scale``): support offices in municipalities
all over mainland Portugal, and the public services around them, with opening hours and
languages. Offices are pages under the directory, added in bulk."""

import datetime as dt

from intranet.core.scale import (
    ScaleRun,
    add_pages,
    ascii_slug,
    landline_number,
    office_places,
    places,
    unique_slugs,
)

from ..models import (
    Language,
    NetworkDirectoryPage,
    OfficeOpeningHours,
    ProviderOpeningHours,
    ServiceCategory,
    ServiceProvider,
    SupportOfficePage,
)

OFFICES_PER_FACTOR = 8
PROVIDERS_PER_FACTOR = 40

# (weekday, opens, closes) patterns: most offices keep office hours, many open an evening
# or a Saturday morning (the network's offices open beyond normal working hours).
WEEKDAYS = range(5)
OFFICE_PATTERNS = [
    [(d, (9, 0), (12, 30)) for d in WEEKDAYS] + [(d, (14, 0), (17, 30)) for d in WEEKDAYS],
    [(d, (9, 0), (13, 0)) for d in WEEKDAYS] + [(2, (18, 0), (20, 30)), (5, (9, 30), (12, 30))],
    [(0, (9, 0), (12, 30)), (1, (14, 0), (19, 30)), (3, (9, 0), (12, 30)), (4, (14, 0), (17, 0))],
]
PROVIDER_PATTERNS = [
    [(d, (8, 0), (20, 0)) for d in WEEKDAYS],
    [(d, (9, 0), (16, 0)) for d in WEEKDAYS],
    [(d, (9, 0), (12, 30)) for d in WEEKDAYS] + [(d, (14, 0), (17, 30)) for d in WEEKDAYS],
    [(1, (10, 0), (13, 0)), (3, (17, 0), (20, 0)), (5, (10, 0), (13, 0))],
]

# Names of services of each category, in the place they serve.
PROVIDER_NAMES = {
    ServiceCategory.HEALTH_CENTRE: "Centro de Saúde de {m}",
    ServiceCategory.HOSPITAL: "Hospital Distrital de {d}",
    ServiceCategory.SOCIAL_SECURITY: "Segurança Social — Serviço Local de {m}",
    ServiceCategory.EMPLOYMENT: "IEFP — Serviço de Emprego de {m}",
    ServiceCategory.IMMIGRATION: "AIMA — Loja de {d}",
    ServiceCategory.EDUCATION: "Agrupamento de Escolas de {m}",
    ServiceCategory.HOUSING: "Gabinete Municipal de Habitação de {m}",
    ServiceCategory.LEGAL_AID: "Gabinete de Consulta Jurídica de {m}",
    ServiceCategory.ASSOCIATION: "Associação de Apoio a Imigrantes de {m}",
    ServiceCategory.MUNICIPAL_SOCIAL: "Ação Social da Câmara Municipal de {m}",
}


def _hours(model, owner_field: str, owner, pattern) -> list:
    return [
        model(
            **{owner_field: owner},
            weekday=day,
            opens=dt.time(*opens),
            closes=dt.time(*closes),
            sort_order=order,
        )
        for order, (day, opens, closes) in enumerate(pattern)
    ]


def seed_offices(run: ScaleRun, directory, languages: list[Language]) -> list[SupportOfficePage]:
    rng = run.rng("offices")
    taken_titles = set(SupportOfficePage.objects.values_list("title", flat=True))
    wanted = [
        (f"Gabinete de Apoio de {name}", place)
        for name, place in office_places(run.count(OFFICES_PER_FACTOR) + len(taken_titles))
    ]
    wanted = [(title, place) for title, place in wanted if title not in taken_titles]
    wanted = wanted[: run.count(OFFICES_PER_FACTOR)]
    taken = set(SupportOfficePage.objects.values_list("slug", flat=True))
    slugs = unique_slugs([title for title, _place in wanted], taken)
    portuguese = [lang for lang in languages if lang.code == "pt"]
    offices = []
    for (title, place), slug in zip(wanted, slugs, strict=True):
        in_town_hall = rng.random() < 0.8
        offices.append(
            SupportOfficePage(
                title=title,
                slug=slug,
                municipality=place.municipality,
                host_organisation=(
                    f"Câmara Municipal de {place.municipality}"
                    if in_town_hall
                    else f"Associação de Desenvolvimento de {place.district}"
                ),
                in_town_hall=in_town_hall,
                address=f"Praça do Município, {rng.randint(1, 40)}\n{place.municipality}",
                phone=landline_number(rng),
                email=f"apoio.migrantes@{ascii_slug(place.municipality)}.example",
                accessibility=rng.choice(
                    ["Entrada ao nível da rua.", "Rampa na entrada lateral.", ""]
                ),
                latitude=place.latitude,
                longitude=place.longitude,
                description="<p>Atendimento a migrantes. Dados fictícios de escala.</p>",
            )
        )
    add_pages(directory, offices)
    OfficeOpeningHours.objects.bulk_create(
        [
            row
            for office in offices
            for row in _hours(OfficeOpeningHours, "page", office, rng.choice(OFFICE_PATTERNS))
        ],
        batch_size=2000,
    )
    through = SupportOfficePage.languages.through
    through.objects.bulk_create(
        [
            through(supportofficepage_id=office.pk, language_id=language.pk)
            for office in offices
            for language in {*portuguese, *rng.sample(languages, min(len(languages), 3))}
        ],
        batch_size=2000,
    )
    run.made("support offices", len(offices))
    return offices


def seed_providers(run: ScaleRun, languages: list[Language]) -> int:
    rng = run.rng("providers")
    every = places()
    names, seen = [], set(ServiceProvider.objects.values_list("name", flat=True))
    wanted = run.count(PROVIDERS_PER_FACTOR)
    n = 0
    while len(names) < wanted:
        place = every[n % len(every)]
        category = list(PROVIDER_NAMES)[(n // len(every)) % len(PROVIDER_NAMES)]
        round_ = n // (len(every) * len(PROVIDER_NAMES))
        name = PROVIDER_NAMES[category].format(m=place.municipality, d=place.district)
        if round_:
            name = f"{name} — polo {round_ + 1}"
        if name not in seen:
            seen.add(name)
            names.append((name, category, place))
        n += 1
    slugs = unique_slugs(
        [name for name, _c, _p in names],
        set(ServiceProvider.objects.values_list("slug", flat=True)),
    )
    providers = [
        ServiceProvider(
            name=name,
            slug=slug,
            category=category,
            municipality=place.municipality,
            address=f"Rua Principal, {rng.randint(1, 200)}\n{place.municipality}",
            phone=landline_number(rng),
            email=f"{slug[:40]}@servicos.example",
            eligibility="Qualquer pessoa residente na área.",
            what_to_bring="Documento de identificação e comprovativo de morada.",
            referral_note="Telefonar antes de encaminhar; pedir pelo atendimento geral.",
        )
        for (name, category, place), slug in zip(names, slugs, strict=True)
    ]
    ServiceProvider.objects.bulk_create(providers, batch_size=1000)
    ProviderOpeningHours.objects.bulk_create(
        [
            row
            for provider in providers
            for row in _hours(
                ProviderOpeningHours, "provider", provider, rng.choice(PROVIDER_PATTERNS)
            )
        ],
        batch_size=2000,
    )
    through = ServiceProvider.languages.through
    through.objects.bulk_create(
        [
            through(serviceprovider_id=provider.pk, language_id=language.pk)
            for provider in providers
            for language in rng.sample(languages, min(len(languages), rng.randint(1, 3)))
        ],
        batch_size=2000,
    )
    run.made("service providers", len(providers))
    return len(providers)


def seed(run: ScaleRun) -> None:
    directory = NetworkDirectoryPage.objects.first()
    if directory is None:
        run.say("network: no directory page, nothing added")
        return
    languages = list(Language.objects.order_by("code"))
    offices = seed_offices(run, directory, languages)
    run.say(f"network: {len(offices):,} support offices")
    providers = seed_providers(run, languages)
    run.say(f"network: {providers:,} service providers")
