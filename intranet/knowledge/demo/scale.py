"""The knowledge base at national scale (``seed_scale``): sections of articles written by
staff across the network, with owners, tags and review dates (some overdue)."""

import datetime

from django.utils import timezone

from wagtail.rich_text import RichText

from taggit.models import Tag

from intranet.core.scale import ScaleRun, add_pages, moment_between, unique_slugs
from intranet.people.services import colleagues

from ..models import (
    KnowledgeArticlePage,
    KnowledgeArticleTag,
    KnowledgeBaseIndexPage,
    KnowledgeSectionPage,
)

ARTICLES_PER_FACTOR = 100
SECTION_THEMES = [
    "Documentos e autorizações",
    "Trabalho e emprego",
    "Habitação",
    "Saúde",
    "Escola e família",
    "Segurança Social",
    "Serviços locais",
    "Atendimento e mediação",
]
ARTICLE_SUBJECTS = [
    "Como pedir o número de utente",
    "Renovar a autorização de residência",
    "Inscrever uma criança na escola",
    "Pedir o NISS",
    "Pedir o NIF nas Finanças",
    "Procurar casa para arrendar",
    "Contratos de trabalho sazonal",
    "Marcar atendimento na AIMA",
    "Encaminhar para apoio jurídico",
    "Atendimento com intérprete",
    "Inscrição no IEFP",
    "Reagrupamento familiar passo a passo",
]
TAGS = ["AIMA", "SNS", "NISS", "NIF", "escola", "habitação", "IEFP", "intérprete"]


def seed(run: ScaleRun) -> None:
    index = KnowledgeBaseIndexPage.objects.first()
    owners = list(colleagues().values_list("pk", flat=True))
    if index is None or not owners:
        run.say("knowledge: no knowledge base or nobody on staff, nothing added")
        return
    rng = run.rng("knowledge")
    number = run.count(ARTICLES_PER_FACTOR)
    section_count = max(2, min(number // 200 + 2, 40))
    titles = [
        f"{SECTION_THEMES[n % len(SECTION_THEMES)]} — região {n // len(SECTION_THEMES) + 1}"
        for n in range(section_count)
    ]
    slugs = unique_slugs(
        titles, set(KnowledgeSectionPage.objects.child_of(index).values_list("slug", flat=True))
    )
    sections = add_pages(
        index,
        [
            KnowledgeSectionPage(title=title, slug=slug, summary="Secção de escala (fictícia).")
            for title, slug in zip(titles, slugs, strict=True)
        ],
    )
    today = timezone.localdate()
    per_section = -(-number // len(sections))
    tags = [Tag.objects.filter(name=name).first() or Tag.objects.create(name=name) for name in TAGS]
    articles = []
    for s, section in enumerate(sections):
        count = min(per_section, number - s * per_section)
        if count <= 0:
            break
        titles = [
            f"{ARTICLE_SUBJECTS[(s + n) % len(ARTICLE_SUBJECTS)]} ({n + 1})" for n in range(count)
        ]
        pages = []
        for title, slug in zip(titles, unique_slugs(titles, set()), strict=True):
            published = moment_between(rng, today - datetime.timedelta(days=1500), today)
            pages.append(
                KnowledgeArticlePage(
                    title=title,
                    slug=slug,
                    summary=f"{title}: o que levar, onde ir e o que dizer. Artigo fictício.",
                    body=[
                        (
                            "paragraph",
                            RichText("<p>Passos, documentos e contactos (dados de escala).</p>"),
                        )
                    ],
                    owner_id=rng.choice(owners),
                    review_by=today + datetime.timedelta(days=rng.randint(-60, 180)),
                    first_published_at=published,
                    last_published_at=published,
                )
            )
        add_pages(section, pages)
        articles.extend(pages)
        if len(articles) // 2500 > (len(articles) - len(pages)) // 2500:
            run.say(f"knowledge: {len(articles):,} of {number:,} articles")
    KnowledgeArticleTag.objects.bulk_create(
        [
            KnowledgeArticleTag(content_object_id=page.pk, tag_id=tag.pk)
            for page in articles
            for tag in rng.sample(tags, rng.randint(1, 3))
        ],
        batch_size=5000,
    )
    run.made("knowledge articles", len(articles))
    run.say(f"knowledge: {len(sections)} sections, {len(articles):,} articles")
