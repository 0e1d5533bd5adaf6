"""Demo knowledge base (fictional content for demonstration; check current rules before
relying on any of it): three sections, articles on the questions the network hears most,
owners among the staff present at run time, some overdue for review, one draft in review.
"""

import datetime
import io

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import Collection, Page

from intranet.core.roles import COORDINATORS, STAFF

from .models import KnowledgeArticlePage, KnowledgeBaseIndexPage, KnowledgeSectionPage, PageFollow

PRIVATE_COLLECTION = "Documentos internos"
CHECKLIST_TITLE = "Lista de verificação — pedido de autorização de residência (demo)"

SECTIONS = [
    (
        "imigracao-e-aima",
        "Procedimentos de imigração e AIMA",
        "Autorizações de residência, agendamentos na AIMA e regimes de transição.",
    ),
    (
        "trabalho-habitacao-seguranca-social",
        "Trabalho, habitação e Segurança Social",
        "NIF, NISS, número de utente, emprego, IEFP e arrendamento.",
    ),
    (
        "educacao-e-formacao",
        "Educação e formação",
        "Matrícula escolar de crianças, cursos de português e qualificação de adultos.",
    ),
]


def _p(html: str):
    return ("paragraph", html)


def _steps(title: str, steps: list[tuple[str, str]]):
    return (
        "procedure",
        {"title": title, "steps": [{"title": t, "detail": f"<p>{d}</p>"} for t, d in steps]},
    )


def _qa(title: str, items: list[tuple[str, str]]):
    return (
        "questions",
        {"title": title, "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items]},
    )


def _callout(kind: str, title: str, text: str):
    return ("callout", {"kind": kind, "title": title, "text": f"<p>{text}</p>"})


# slug, section slug, title, summary, tags, review offset in days (negative: overdue), body
ARTICLES = [
    (
        "autorizacao-de-residencia",
        "imigracao-e-aima",
        "Autorização de residência: por onde começar",
        "Que tipo de autorização pedir, que documentos reunir e como acompanhar o pedido.",
        ["aima", "residência"],
        -20,
        [
            _p(
                "<p>A autorização de residência é pedida à AIMA (Agência para a Integração, "
                "Migrações e Asilo). O tipo de autorização depende do motivo: trabalho "
                "subordinado, atividade independente, estudo, reagrupamento familiar.</p>"
            ),
            _steps(
                "Passos para acompanhar um pedido",
                [
                    (
                        "Confirmar o motivo do pedido",
                        "Pergunte pelo contrato de trabalho ou "
                        "pela situação familiar; é isso que define o tipo de autorização.",
                    ),
                    (
                        "Reunir os documentos",
                        "Passaporte válido, comprovativo de meios de "
                        "subsistência, de alojamento e registo criminal. Use a lista de "
                        "verificação interna.",
                    ),
                    (
                        "Fazer o agendamento",
                        "O agendamento é feito nos canais da AIMA. Guarde "
                        "o comprovativo e anote a data no registo de atendimentos.",
                    ),
                    (
                        "Acompanhar a decisão",
                        "Combine com a pessoa um contacto depois da "
                        "entrevista para verificar se falta algum documento.",
                    ),
                ],
            ),
            _callout(
                "warning",
                "Regras que mudam",
                "Os procedimentos mudaram várias vezes desde 2023. Confirme sempre nas "
                "atualizações legais antes de orientar alguém.",
            ),
        ],
    ),
    (
        "manifestacao-de-interesse-aima",
        "imigracao-e-aima",
        "Manifestações de interesse pendentes na AIMA",
        "O que dizer a quem entregou uma manifestação de interesse e aguarda resposta.",
        ["aima", "residência", "regime transitório"],
        -5,
        [
            _p(
                "<p>A manifestação de interesse deixou de poder ser apresentada em 2024. "
                "Os processos entregues antes dessa data continuam a ser tratados pela AIMA "
                "ao abrigo do regime transitório.</p>"
            ),
            _qa(
                "Perguntas frequentes",
                [
                    (
                        "Ainda posso apresentar uma manifestação de interesse?",
                        "Não. Quem chega "
                        "agora precisa, em regra, de um visto adequado obtido no consulado.",
                    ),
                    (
                        "Fui notificado(a) para atendimento. O que levo?",
                        "A notificação indica os documentos; reveja-os connosco com antecedência.",
                    ),
                    (
                        "Posso trabalhar enquanto espero?",
                        "Quem tem o processo pendente e "
                        "descontos para a Segurança Social deve guardar os comprovativos; "
                        "confirme a situação concreta antes de responder.",
                    ),
                ],
            ),
        ],
    ),
    (
        "nif-e-niss",
        "trabalho-habitacao-seguranca-social",
        "NIF e NISS: os primeiros números",
        "Como obter o número de identificação fiscal (NIF) e o número de Segurança Social (NISS).",
        ["finanças", "segurança social"],
        60,
        [
            _steps(
                "Obter o NIF",
                [
                    (
                        "Ir a um serviço de Finanças ou Loja do Cidadão",
                        "Com passaporte e comprovativo de morada.",
                    ),
                    (
                        "Pedir o NIF",
                        "Quem ainda não tem residência pode precisar de um representante fiscal.",
                    ),
                ],
            ),
            _steps(
                "Obter o NISS",
                [
                    (
                        "Pedido online ou presencial",
                        "Na Segurança Social Direta ou num "
                        "serviço de atendimento, com documento de identificação e NIF.",
                    ),
                    (
                        "Entregar o NISS ao empregador",
                        "O empregador precisa dele para fazer os descontos.",
                    ),
                ],
            ),
        ],
    ),
    (
        "numero-de-utente-sns",
        "trabalho-habitacao-seguranca-social",
        "Número de utente do SNS",
        "Inscrição no centro de saúde e acesso a cuidados, mesmo sem autorização de residência.",
        ["saúde"],
        90,
        [
            _p(
                "<p>A inscrição faz-se no centro de saúde da área de residência. Quem não "
                "tem autorização de residência pode ter inscrição provisória.</p>"
            ),
            _callout(
                "info",
                "Urgências",
                "Ninguém pode ser recusado numa urgência por falta de documentos.",
            ),
            (
                "table",
                {
                    "caption": "Documentos habitualmente pedidos",
                    "header": ["Situação", "Documentos"],
                    "rows": [
                        ["Com autorização de residência", "Título de residência, NIF"],
                        [
                            "Sem autorização de residência",
                            "Passaporte, atestado de residência da junta de freguesia",
                        ],
                    ],
                },
            ),
        ],
    ),
    (
        "inscricao-iefp-centro-qualifica",
        "trabalho-habitacao-seguranca-social",
        "Inscrição no IEFP e no Centro Qualifica",
        "Procura de emprego, ofertas de formação e reconhecimento de competências.",
        ["emprego", "formação"],
        -45,
        [
            _steps(
                "Inscrição no IEFP",
                [
                    (
                        "Reunir documentos",
                        "Documento de identificação, NIF, NISS e comprovativo de morada.",
                    ),
                    ("Inscrever-se", "No portal iefponline ou no serviço de emprego da área."),
                    ("Entrevista", "O técnico do IEFP define um plano pessoal de emprego."),
                ],
            ),
            _p(
                "<p>O Centro Qualifica ajuda adultos a reconhecer competências e a completar "
                "o 9.º ou o 12.º ano.</p>"
            ),
        ],
    ),
    (
        "arrendamento-e-apoio-a-habitacao",
        "trabalho-habitacao-seguranca-social",
        "Arrendamento e apoios à habitação",
        "Contrato de arrendamento, recibos de renda e apoios públicos à renda.",
        ["habitação"],
        30,
        [
            _qa(
                "Perguntas frequentes",
                [
                    (
                        "O senhorio tem de fazer contrato?",
                        "Sim, o contrato deve ser escrito e comunicado às Finanças pelo senhorio.",
                    ),
                    (
                        "Preciso de recibos de renda?",
                        "Sim: são prova de morada e de despesa e são pedidos em muitos processos.",
                    ),
                    (
                        "Há apoios à renda?",
                        "Existem programas públicos (por exemplo, Porta 65 "
                        "para jovens e apoio extraordinário à renda); veja as condições atuais.",
                    ),
                ],
            ),
        ],
    ),
    (
        "matricula-escolar-criancas-estrangeiras",
        "educacao-e-formacao",
        "Matrícula escolar de crianças estrangeiras",
        "Todas as crianças têm direito à escola, seja qual for a situação dos pais.",
        ["educação", "crianças"],
        -10,
        [
            _p(
                "<p>A matrícula faz-se no Portal das Matrículas ou diretamente no "
                "agrupamento de escolas. A falta de autorização de residência dos pais "
                "não impede a matrícula.</p>"
            ),
            _steps(
                "Passos",
                [
                    ("Contactar o agrupamento", "Marcar um atendimento com a secretaria."),
                    (
                        "Levar documentos",
                        "Identificação da criança, boletim de vacinas e, se "
                        "existir, o percurso escolar anterior.",
                    ),
                    ("Português Língua Não Materna", "Pedir a avaliação para apoio em PLNM."),
                ],
            ),
        ],
    ),
    (
        "cursos-de-portugues-pla",
        "educacao-e-formacao",
        "Cursos de Português Língua de Acolhimento (PLA)",
        "Onde encontrar cursos gratuitos de português para adultos migrantes.",
        ["formação", "língua portuguesa"],
        120,
        [
            _p(
                "<p>Os cursos PLA são gratuitos e dão certificado. São organizados pelo IEFP, "
                "por escolas e por Centros Qualifica.</p>"
            ),
            _callout(
                "info",
                "Dica",
                "Há turmas em horário pós-laboral: pergunte no centro de emprego da área.",
            ),
        ],
    ),
]

DRAFT = (
    "reagrupamento-familiar",
    "imigracao-e-aima",
    "Reagrupamento familiar",
    "Quem pode pedir, que familiares podem vir e que documentos são precisos.",
    ["aima", "família"],
    180,
    [
        _p(
            "<p>Quem tem autorização de residência pode pedir o reagrupamento dos familiares "
            "diretos. Rascunho a rever pela coordenação.</p>"
        )
    ],
)


def _checklist_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 780, "Lista de verificação — autorização de residência (demonstração)")
    for offset, line in enumerate(
        [
            "[ ] Passaporte válido",
            "[ ] Comprovativo de meios de subsistência",
            "[ ] Comprovativo de alojamento",
            "[ ] Registo criminal",
            "[ ] NIF e NISS",
        ]
    ):
        pdf.drawString(90, 750 - offset * 20, line)
    pdf.save()
    return buffer.getvalue()


def _checklist_document() -> Document:
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    document = Document.objects.filter(title=CHECKLIST_TITLE).first()
    if document is None:
        document = Document(
            title=CHECKLIST_TITLE, collection=collection or Collection.get_first_root_node()
        )
        document.file.save("lista-autorizacao-residencia.pdf", ContentFile(_checklist_pdf()))
        document.save()
    return document


def _article(slug, title, summary, tags, offset, body, owner):
    page = KnowledgeArticlePage(
        title=title,
        slug=slug,
        summary=summary,
        body=body,
        owner=owner,
        review_by=timezone.localdate() + datetime.timedelta(days=offset),
    )
    page.tags.add(*tags)
    return page


def load(stdout) -> None:
    index = KnowledgeBaseIndexPage.objects.first()
    if index is None:
        stdout.write("  knowledge: no knowledge base page, skipped")
        return
    staff = list(User.objects.filter(groups__name=STAFF, is_active=True).order_by("username"))
    coordinator = (
        User.objects.filter(groups__name=COORDINATORS).order_by("username").first()
        or User.objects.filter(is_superuser=True).order_by("username").first()
    )
    owners = staff or [coordinator]

    sections = {}
    for slug, title, summary in SECTIONS:
        section = KnowledgeSectionPage.objects.child_of(index).filter(slug=slug).first()
        if section is None:
            section = KnowledgeSectionPage(title=title, slug=slug, summary=summary)
            index.add_child(instance=section)
            section.save_revision(user=coordinator).publish(user=coordinator)
        sections[slug] = section

    checklist = _checklist_document()
    related = list(Page.objects.filter(slug__in=["gabinete-evora", "gabinete-alcacovas"]).live())
    created = 0
    for number, (slug, section_slug, title, summary, tags, offset, body) in enumerate(ARTICLES):
        section = sections[section_slug]
        if KnowledgeArticlePage.objects.child_of(section).filter(slug=slug).exists():
            continue
        body = list(body)
        if slug == "autorizacao-de-residencia":
            body.append(("document", {"document": checklist, "description": "Uso interno."}))
        if related:
            body.append(("related_pages", {"title": "Onde pedir ajuda", "pages": related}))
        owner = owners[number % len(owners)]
        page = _article(slug, title, summary, tags, offset, body, owner)
        section.add_child(instance=page)
        page.save_revision(user=owner).publish(user=coordinator)
        created += 1

    slug, section_slug, title, summary, tags, offset, body = DRAFT
    section = sections[section_slug]
    author = User.objects.filter(username="staff").first() or owners[0]
    if not KnowledgeArticlePage.objects.child_of(section).filter(slug=slug).exists():
        draft = _article(slug, title, summary, tags, offset, body, author)
        draft.live = False
        section.add_child(instance=draft)
        draft.save_revision(user=author)
        workflow = draft.get_workflow()
        if workflow is not None:
            workflow.start(draft, author)

    demo_staff = User.objects.filter(username="staff").first()
    if demo_staff is not None:
        for slug in ["manifestacao-de-interesse-aima", "matricula-escolar-criancas-estrangeiras"]:
            page = KnowledgeArticlePage.objects.descendant_of(index).filter(slug=slug).first()
            if page is not None:
                PageFollow.objects.get_or_create(user=demo_staff, page=page)
    stdout.write(
        f"  knowledge: {len(sections)} sections, {created} new articles, 1 draft in review"
    )
