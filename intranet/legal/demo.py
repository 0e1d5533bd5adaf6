"""Demo legal updates: a dozen plausible updates about Portuguese immigration law.

The instruments cited are real, but every summary, date of acknowledgement and piece of
advice here is demo data written for this installation: fictional, not legal advice.
Idempotent: updates are found by slug, acknowledgements by (person, update, round).
"""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from intranet.core.roles import COORDINATORS, STAFF

from .models import Acknowledgement, LegalTopic, LegalUpdateIndexPage, LegalUpdatePage

DEMO_NOTE = (
    "callout",
    {
        "kind": "warning",
        "title": "Dados de demonstração",
        "text": "<p>Resumo fictício, escrito para demonstrar a intranet. Confirme sempre no "
        "texto oficial publicado no Diário da República.</p>",
    },
)

INDEX_INTRO = (
    "<p>O que mudou na lei e nos serviços, explicado para a equipa, com o que passa a fazer "
    "de forma diferente. <em>Conteúdos de demonstração.</em></p>"
)


def eli(kind: str, number: str, d: datetime.date) -> str:
    return f"https://data.dre.pt/eli/{kind}/{number}/{d:%Y/%m/%d}/p/dre/pt/html"


LEI_23_2007 = ("lei", "23/2007", datetime.date(2007, 7, 4))
DL_41_2023 = ("decreto-lei", "41/2023", datetime.date(2023, 6, 2))
DL_37A_2024 = ("decreto-lei", "37-A/2024", datetime.date(2024, 6, 3))
LEI_18_2022 = ("lei", "18/2022", datetime.date(2022, 8, 25))
DL_10A_2020 = ("decreto-lei", "10-A/2020", datetime.date(2020, 3, 13))
DL_67_2004 = ("decreto-lei", "67/2004", datetime.date(2004, 3, 25))


ELI_TYPES = {"lei": "lei", "decreto-lei": "dec-lei", "resolucao-cm": "resol-conselho-ministros"}


def ref(instrument, article=""):
    kind, number, d = instrument
    slug_kind = ELI_TYPES[kind]
    return {
        "kind": kind,
        "number": number,
        "date": d,
        "article": article,
        "url": eli(slug_kind, number.lower(), d),
    }


def d(y, m, day):
    return datetime.date(y, m, day)


# slug, title, published, fields, topics, references, supersedes (slug), acknowledged by "staff"
UPDATES = [
    (
        "aima-substitui-o-sef",
        "A AIMA substitui o SEF nos pedidos de autorização de residência",
        d(2023, 10, 30),
        {
            "summary": "Desde 29 de outubro de 2023, os pedidos de autorização de residência, "
            "renovações e reagrupamento familiar passam a ser tratados pela AIMA, e não pelo "
            "SEF, que foi extinto. As marcações já feitas mantêm-se.",
            "action_required": "Encaminhar para a AIMA (linha de atendimento e portal) em vez "
            "do SEF; corrigir modelos de cartas e fichas de encaminhamento.",
            "status": "in_force",
            "in_force_from": d(2023, 10, 29),
            "must_acknowledge": True,
            "acknowledge_by": d(2023, 11, 30),
        },
        ["immigration-procedures"],
        [ref(DL_41_2023, "artigos 3.º e 33.º")],
        None,
        True,
    ),
    (
        "manifestacao-de-interesse-como-funciona",
        "Manifestação de interesse: como pedir residência com contrato de trabalho",
        d(2023, 3, 14),
        {
            "summary": "Quem entrou legalmente em Portugal e tem contrato de trabalho ou "
            "descontos para a Segurança Social pode pedir autorização de residência através "
            "de manifestação de interesse no portal.",
            "action_required": "Ajudar a reunir contrato, comprovativos de descontos e "
            "comprovativo de entrada legal antes de submeter.",
            "status": "in_force",
            "in_force_from": d(2023, 3, 1),
        },
        ["immigration-procedures", "employment"],
        [ref(LEI_23_2007, "artigo 88.º, n.º 2"), ref(LEI_23_2007, "artigo 89.º, n.º 2")],
        None,
        False,
    ),
    (
        "fim-da-manifestacao-de-interesse",
        "Fim da manifestação de interesse para novos pedidos",
        d(2024, 6, 4),
        {
            "summary": "Deixa de ser possível pedir autorização de residência por "
            "manifestação de interesse. Os pedidos submetidos até 3 de junho de 2024 "
            "continuam a ser analisados. Quem chega para trabalhar precisa de visto adequado.",
            "action_required": "Não aconselhar novas manifestações de interesse; verificar "
            "se a pessoa tem um pedido anterior a 3 de junho de 2024 e guardar o "
            "comprovativo; informar sobre vistos de trabalho nos consulados.",
            "status": "in_force",
            "in_force_from": d(2024, 6, 4),
            "must_acknowledge": True,
            "acknowledge_by": d(2024, 7, 15),
        },
        ["immigration-procedures", "employment"],
        [ref(DL_37A_2024, "artigo 2.º"), ref(LEI_23_2007, "artigos 88.º e 89.º")],
        "manifestacao-de-interesse-como-funciona",
        True,
    ),
    (
        "autorizacao-de-residencia-cplp",
        "Autorização de residência CPLP: pedido simplificado",
        d(2023, 3, 20),
        {
            "summary": "Cidadãos de países da CPLP com visto ou entrada legal podem obter uma "
            "autorização de residência CPLP através de um pedido simplificado no portal, "
            "com certificado em papel.",
            "action_required": "Explicar o pedido online e a necessidade de NIF e NISS.",
            "status": "in_force",
            "in_force_from": d(2023, 3, 13),
        },
        ["immigration-procedures"],
        [ref(LEI_18_2022, "artigo 87.º-A da Lei n.º 23/2007")],
        None,
        False,
    ),
    (
        "residencia-cplp-cartao-de-modelo-uniforme",
        "Residência CPLP: passagem para cartão de residência",
        d(2025, 11, 3),
        {
            "summary": "Os titulares de autorização de residência CPLP em papel passam a "
            "poder trocá-la por um cartão de residência, que permite viajar no espaço "
            "Schengen. A troca é pedida à AIMA.",
            "action_required": "Informar os titulares do certificado em papel e ajudar na "
            "marcação na AIMA.",
            "status": "in_force",
            "in_force_from": d(2025, 11, 1),
            "must_acknowledge": True,
            "acknowledge_by": d(2025, 12, 15),
        },
        ["immigration-procedures"],
        [ref(LEI_18_2022, "artigo 87.º-A da Lei n.º 23/2007")],
        "autorizacao-de-residencia-cplp",
        False,
    ),
    (
        "numero-de-utente-sns-para-migrantes",
        "Número de utente do SNS para cidadãos estrangeiros",
        d(2026, 10, 20),
        {
            "summary": "Qualquer pessoa estrangeira a viver em Portugal pode inscrever-se no "
            "centro de saúde e obter número de utente, mesmo sem autorização de residência, "
            "apresentando documento de identificação e declaração de residência da junta "
            "de freguesia.",
            "action_required": "Acompanhar a inscrição no centro de saúde ou USF; em caso de "
            "recusa, registar como lacuna nos serviços e contactar a coordenação.",
            "status": "in_force",
            "in_force_from": d(2026, 10, 1),
            "must_acknowledge": True,
            "acknowledge_by": d(2026, 12, 10),
        },
        ["health"],
        [ref(DL_67_2004, "artigo 2.º")],
        None,
        False,
    ),
    (
        "niss-pedido-online",
        "NISS: pedido do número de Segurança Social online",
        d(2024, 2, 12),
        {
            "summary": "O número de identificação da Segurança Social (NISS) para cidadãos "
            "estrangeiros pode ser pedido através de formulário online, sem deslocação a um "
            "balcão.",
            "action_required": "Ajudar a preencher o formulário; guardar o comprovativo de "
            "envio para a entidade empregadora.",
            "status": "in_force",
            "in_force_from": d(2024, 2, 1),
        },
        ["social-security", "employment"],
        [
            {
                "kind": "lei",
                "number": "110/2009",
                "date": d(2009, 9, 16),
                "article": "Código dos Regimes Contributivos",
                "url": eli("lei", "110", d(2009, 9, 16)),
            }
        ],
        None,
        False,
    ),
    (
        "matricula-escolar-de-criancas-estrangeiras",
        "Matrícula escolar de crianças estrangeiras, com ou sem documentos",
        d(2026, 9, 1),
        {
            "summary": "As crianças estrangeiras têm direito a matrícula na escola, mesmo "
            "que os pais não tenham a situação regularizada. O agrupamento de escolas não "
            "pode recusar a matrícula por falta de autorização de residência.",
            "action_required": "Acompanhar a família ao agrupamento de escolas; se a "
            "matrícula for recusada, pedir a recusa por escrito e avisar a coordenação.",
            "status": "in_force",
            "in_force_from": d(2026, 9, 1),
            "must_acknowledge": True,
            "acknowledge_by": d(2026, 11, 20),
        },
        ["education"],
        [ref(DL_67_2004, "artigos 2.º e 3.º")],
        None,
        False,
    ),
    (
        "inscricao-no-iefp",
        "Inscrição no IEFP e acesso à formação profissional",
        d(2025, 4, 7),
        {
            "summary": "Pessoas estrangeiras com autorização de residência ou pedido em curso "
            "podem inscrever-se no centro de emprego do IEFP e aceder a formação, incluindo "
            "cursos de português e o Centro Qualifica.",
            "action_required": "Propor a inscrição no IEFP a quem procura emprego ou "
            "formação; indicar o Centro Qualifica mais próximo.",
            "status": "in_force",
            "in_force_from": d(2025, 4, 1),
        },
        ["employment", "training"],
        [
            {
                "kind": "decreto-lei",
                "number": "13/2015",
                "date": d(2015, 1, 26),
                "article": "",
                "url": eli("dec-lei", "13", d(2015, 1, 26)),
            }
        ],
        None,
        False,
    ),
    (
        "validade-de-documentos-caducados-prorrogada",
        "Documentos de residência caducados continuam válidos até 30 de junho de 2025",
        d(2024, 12, 20),
        {
            "summary": "Os documentos e vistos de residência caducados aceitam-se como "
            "válidos até 30 de junho de 2025, desde que a renovação tenha sido pedida.",
            "action_required": "Explicar aos serviços (centros de saúde, escolas, "
            "empregadores) que estes documentos continuam válidos.",
            "status": "in_force",
            "in_force_from": d(2025, 1, 1),
            "applicable_until": d(2025, 6, 30),
        },
        ["immigration-procedures"],
        [ref(DL_10A_2020, "artigo 16.º")],
        None,
        False,
    ),
    (
        "fim-da-prorrogacao-de-documentos",
        "Fim da prorrogação: documentos caducados deixam de valer",
        d(2025, 7, 1),
        {
            "summary": "A partir de 1 de julho de 2025 os documentos de residência caducados "
            "deixam de ser aceites como válidos. Quem tem renovação pendente deve guardar o "
            "comprovativo do pedido.",
            "action_required": "Verificar a validade dos documentos em cada atendimento e "
            "ajudar a pedir a renovação na AIMA.",
            "status": "in_force",
            "in_force_from": d(2025, 7, 1),
            "must_acknowledge": True,
            "acknowledge_by": d(2025, 7, 31),
        },
        ["immigration-procedures", "social-security"],
        [ref(DL_10A_2020, "artigo 16.º")],
        "validade-de-documentos-caducados-prorrogada",
        True,
    ),
    (
        "protecao-temporaria-ucrania",
        "Proteção temporária para pessoas deslocadas da Ucrânia",
        d(2023, 3, 2),
        {
            "summary": "Quem fugiu da guerra na Ucrânia pode pedir proteção temporária, que "
            "dá autorização de residência, NIF, NISS e número de utente de forma automática.",
            "action_required": "Indicar o pedido online de proteção temporária e acompanhar "
            "a inscrição no centro de saúde.",
            "status": "in_force",
            "in_force_from": d(2022, 3, 1),
        },
        ["immigration-procedures", "health", "social-security"],
        [
            {
                "kind": "resolucao-cm",
                "number": "29-A/2022",
                "date": d(2022, 3, 1),
                "article": "",
                "url": eli("resol-conselho-ministros", "29-a", d(2022, 3, 1)),
            }
        ],
        None,
        False,
    ),
    (
        "pacto-ue-migracao-e-asilo",
        "Pacto da UE em matéria de Migração e Asilo: o que muda em 2026",
        d(2026, 6, 15),
        {
            "summary": "O novo Pacto da UE muda a triagem à chegada e os procedimentos de "
            "asilo. Para os gabinetes, muda sobretudo a informação a dar a requerentes de "
            "proteção internacional.",
            "action_required": "Ler a nota e encaminhar os pedidos de asilo para a AIMA e "
            "para o apoio jurídico, sem dar conselhos sobre o mérito do pedido.",
            "status": "pending",
            "in_force_from": d(2026, 6, 12),
            "must_acknowledge": True,
            "acknowledge_by": d(2026, 12, 15),
        },
        ["immigration-procedures"],
        [
            {
                "kind": "regulamento-ue",
                "number": "2024/1351",
                "date": d(2024, 5, 14),
                "article": "",
                "url": "https://eur-lex.europa.eu/eli/reg/2024/1351/oj",
            }
        ],
        None,
        False,
    ),
]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _readers() -> list[User]:
    return list(
        User.objects.filter(is_active=True, groups__name__in=[STAFF, COORDINATORS])
        .distinct()
        .order_by("pk")
    )


def load(stdout) -> None:
    index = LegalUpdateIndexPage.objects.get()
    if not index.intro:
        index.intro = INDEX_INTRO
        index.save_revision().publish()
    topics = {t.slug: t for t in LegalTopic.objects.all()}
    created = 0
    pages: dict[str, LegalUpdatePage] = {}
    for slug, title, published, fields, topic_slugs, references, supersedes, _ack in UPDATES:
        page = LegalUpdatePage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = LegalUpdatePage(
                title=title,
                slug=slug,
                body=[DEMO_NOTE],
                supersedes=pages.get(supersedes) if supersedes else None,
                # Demo pages are "already announced": loading them e-mails nobody.
                notified_epoch=1,
                **fields,
            )
            index.add_child(instance=page)
            page.tags.set([topics[t] for t in topic_slugs if t in topics])
            for order, reference in enumerate(references):
                page.legal_references.add(
                    page.legal_references.model(sort_order=order, **reference)
                )
            page.save_revision().publish()
            LegalUpdatePage.objects.filter(pk=page.pk).update(
                first_published_at=_aware(published), last_published_at=_aware(published)
            )
            page.refresh_from_db()
            created += 1
        pages[slug] = page

    readers = _readers()
    acks = 0
    for n, (slug, *_rest, staff_acknowledged) in enumerate(UPDATES):
        page = pages[slug]
        if not page.must_acknowledge:
            continue
        for i, reader in enumerate(readers):
            if reader.username == "staff":
                if not staff_acknowledged:
                    continue
            elif (i + n) % 3 == 0:
                continue  # about a third of the team has not read it yet
            ack, new = Acknowledgement.objects.get_or_create(
                user=reader,
                page=page,
                epoch=page.ack_epoch,
                defaults={"revision_id": page.live_revision_id},
            )
            if new:
                # Read a few days after publication, as people do.
                when = page.first_published_at + datetime.timedelta(days=1 + (i * 7 + n) % 12)
                Acknowledgement.objects.filter(pk=ack.pk).update(
                    acknowledged_at=min(when, timezone.now())
                )
                acks += 1
    stdout.write(f"  legal: {created} legal updates created, {acks} acknowledgements")
