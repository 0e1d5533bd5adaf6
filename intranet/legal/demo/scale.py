"""Legal updates at national scale (``seed_scale``): ten years of updates under the legal
updates section, with their topics, references to the Diário da República, some that
supersede earlier ones, and the must-read ones acknowledged by most of the staff."""

import datetime

from django.utils import timezone

from wagtail.rich_text import RichText

from intranet.core.scale import ScaleRun, add_pages, moment_between, unique_slugs
from intranet.people.services import colleagues

from ..models import (
    Acknowledgement,
    LegalReference,
    LegalTopic,
    LegalUpdateIndexPage,
    LegalUpdatePage,
    TaggedLegalUpdate,
)

UPDATES_PER_FACTOR = 50
BODY = "<p>Texto fictício gerado para testes de carga.</p>"
MUST_READ_SHARE = 0.02
READ_SHARE = 0.7
SUPERSEDE_SHARE = 0.05
INSTRUMENTS = [
    (LegalReference.Kind.PORTARIA, "Portaria", "portaria"),
    (LegalReference.Kind.DECRETO_LEI, "Decreto-Lei", "dec-lei"),
    (LegalReference.Kind.DESPACHO, "Despacho", "despacho"),
    (LegalReference.Kind.LEI, "Lei", "lei"),
]
CHANGES = {
    "immigration-procedures": [
        "novos prazos para a renovação de autorizações de residência",
        "marcações na AIMA passam a ser feitas pelo portal",
        "regime transitório para pedidos pendentes",
        "reagrupamento familiar: documentos exigidos",
    ],
    "employment": [
        "contratos de trabalho sazonal na agricultura",
        "inscrição no IEFP de quem aguarda autorização de residência",
    ],
    "housing": ["apoio ao arrendamento para famílias recém-chegadas"],
    "education": ["matrícula de crianças sem documentos no agrupamento de escolas"],
    "health": ["número de utente provisório no centro de saúde", "acesso ao SNS 24"],
    "social-security": ["atribuição do NISS a trabalhadores estrangeiros"],
    "training": ["cursos de português para falantes de outras línguas"],
}


def seed(run: ScaleRun) -> None:
    index = LegalUpdateIndexPage.objects.first()
    if index is None:
        run.say("legal: no legal updates section, nothing added")
        return
    rng = run.rng("legal")
    topics = {topic.slug: topic for topic in LegalTopic.objects.all()}
    topic_slugs = [slug for slug in CHANGES if slug in topics] or list(CHANGES)
    today = timezone.localdate()
    number = run.count(UPDATES_PER_FACTOR)
    specs = []
    for n in range(number):
        topic = rng.choice(topic_slugs)
        kind, kind_name, eli_type = rng.choice(INSTRUMENTS)
        published = moment_between(rng, today - datetime.timedelta(days=3650), today)
        instrument_number = f"{rng.randint(1, 400)}/{published.year}"
        title = f"{kind_name} n.º {instrument_number}: {rng.choice(CHANGES[topic])}"
        specs.append((title, topic, kind, eli_type, instrument_number, published, n))
    slugs = unique_slugs(
        [spec[0] for spec in specs],
        set(LegalUpdatePage.objects.child_of(index).values_list("slug", flat=True)),
    )
    pages = []
    for (title, _topic, _kind, _eli, _number, published, _n), slug in zip(
        specs, slugs, strict=True
    ):
        must_read = rng.random() < MUST_READ_SHARE
        in_force = published.date() + datetime.timedelta(days=rng.randint(0, 60))
        pages.append(
            LegalUpdatePage(
                title=title,
                slug=slug,
                summary=(
                    f"Resumo em linguagem simples: {title.split(': ', 1)[1]}. "
                    "Dados de escala, fictícios: não é aconselhamento jurídico."
                ),
                body=[
                    ("paragraph", RichText("<p>Texto fictício gerado para testes de carga.</p>"))
                ],
                action_required="Confirmar no texto oficial antes de orientar alguém.",
                status=(
                    LegalUpdatePage.Status.PENDING
                    if in_force > today
                    else LegalUpdatePage.Status.IN_FORCE
                ),
                in_force_from=in_force,
                must_acknowledge=must_read,
                acknowledge_by=published.date() + datetime.timedelta(days=30)
                if must_read
                else None,
                notified_epoch=1,
                first_published_at=published,
                last_published_at=published,
            )
        )
    add_pages(index, pages)
    TaggedLegalUpdate.objects.bulk_create(
        [
            TaggedLegalUpdate(content_object_id=page.pk, tag_id=topics[spec[1]].pk)
            for page, spec in zip(pages, specs, strict=True)
            if spec[1] in topics
        ],
        batch_size=2000,
    )
    LegalReference.objects.bulk_create(
        [
            LegalReference(
                page_id=page.pk,
                sort_order=0,
                kind=kind,
                number=instrument_number,
                date=published.date(),
                url=(
                    f"https://data.dre.pt/eli/{eli_type}/{instrument_number.split('/')[0]}/"
                    f"{published:%Y/%m/%d}/p/dre/pt/html"
                ),
            )
            for page, (_t, _topic, kind, eli_type, instrument_number, published, _n) in zip(
                pages, specs, strict=True
            )
        ],
        batch_size=2000,
    )
    # Some updates replace an earlier one on the same topic.
    by_date = sorted(zip(pages, specs, strict=True), key=lambda item: item[1][5])
    superseding = []
    latest_on_topic: dict[str, LegalUpdatePage] = {}
    for page, spec in by_date:
        earlier = latest_on_topic.get(spec[1])
        if earlier is not None and rng.random() < SUPERSEDE_SHARE:
            page.supersedes_id = earlier.pk
            superseding.append(page)
        latest_on_topic[spec[1]] = page
    LegalUpdatePage.objects.bulk_update(superseding, ["supersedes"], batch_size=1000)
    readers = list(colleagues().values_list("pk", flat=True))
    acknowledgements = [
        Acknowledgement(user_id=reader, page_id=page.pk, epoch=1)
        for page in pages
        if page.must_acknowledge
        for reader in readers
        if rng.random() < READ_SHARE
    ]
    Acknowledgement.objects.bulk_create(acknowledgements, batch_size=5000)
    run.made("legal updates", len(pages))
    run.made("acknowledgements", len(acknowledgements))
    run.say(
        f"legal: {len(pages):,} legal updates "
        f"({sum(p.must_acknowledge for p in pages)} must be read), "
        f"{len(acknowledgements):,} acknowledgements"
    )
