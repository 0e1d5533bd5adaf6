"""Demo data for the training programme (fictional people, trainers and records).

A 60-hour programme from January 2026 to December 2027 in ten modules. Each module runs
twice: a first edition in 2026 (past, with attendance for whoever is staff when the demo
loads) and a second in 2027 (upcoming, with bookings and a full session with a waiting
list). One person has done it all and holds a certificate. Idempotent: everything is
looked up by a stable key before it is created.
"""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Collection

from intranet.core.roles import COORDINATORS, STAFF

from . import services
from .models import (
    Attendance,
    Booking,
    ModuleMaterial,
    SelfStudyCompletion,
    TopicArea,
    TopicRequest,
    TrainingModulePage,
    TrainingProgrammePage,
    TrainingSession,
)

PRIVATE_COLLECTION = "Documentos internos"

INTRO = (
    "<p>Cerca de 60 horas de formação nos dois primeiros anos da rede, para toda a equipa "
    "da associação e para a pessoa de cada município. O programa é flexível: acolhe os "
    "temas que a equipa pede. <em>Dados de demonstração fictícios.</em></p>"
)

# slug, title, area, face-to-face, self-study, summary, objectives, material title, prerequisites
MODULES = [
    (
        "acolhimento-e-trabalho-em-rede",
        "Acolhimento e trabalho em rede",
        TopicArea.TEAMWORK,
        4,
        2,
        "Como funciona a rede de oito gabinetes e quem faz o quê.",
        ["Conhecer os oito gabinetes e os seus horários", "Combinar regras comuns de atendimento"],
        "Manual de acolhimento da rede",
        [],
    ),
    (
        "trabalho-em-equipa-a-distancia",
        "Trabalho em equipa à distância",
        TopicArea.TEAMWORK,
        4,
        2,
        "Gabinetes pequenos e longe uns dos outros: como partilhar casos e dúvidas.",
        ["Usar a intranet para partilhar conhecimento", "Preparar a reunião mensal de casos"],
        "Guia de reuniões de intervisão",
        [],
    ),
    (
        "comunicacao-intercultural",
        "Comunicação intercultural",
        TopicArea.INTERCULTURAL,
        6,
        2,
        "Comunicar com pessoas de outras línguas e culturas, com e sem intérprete.",
        ["Reconhecer estereótipos no atendimento", "Trabalhar com intérpretes e mediadores"],
        "Fichas de comunicação intercultural",
        [],
    ),
    (
        "mediacao-intercultural-e-conflitos",
        "Mediação intercultural e gestão de conflitos",
        TopicArea.INTERCULTURAL,
        4,
        2,
        "Mediar entre migrantes, empregadores e serviços quando há conflito.",
        ["Conhecer as etapas da mediação", "Saber quando encaminhar"],
        "Casos práticos de mediação",
        ["comunicacao-intercultural"],
    ),
    (
        "autorizacoes-de-residencia",
        "Lei de estrangeiros: autorizações de residência",
        TopicArea.IMMIGRATION_LAW,
        6,
        3,
        "Os tipos de autorização de residência, prazos e documentos, na lei em vigor.",
        ["Distinguir os tipos de autorização", "Preparar um processo completo com a pessoa"],
        "Resumo prático da lei de estrangeiros",
        [],
    ),
    (
        "reagrupamento-familiar-e-nacionalidade",
        "Reagrupamento familiar e nacionalidade",
        TopicArea.IMMIGRATION_LAW,
        4,
        2,
        "Reagrupar a família e pedir a nacionalidade: requisitos e obstáculos frequentes.",
        ["Conhecer os requisitos do reagrupamento", "Explicar o processo de nacionalidade"],
        "Guia do reagrupamento familiar",
        ["autorizacoes-de-residencia"],
    ),
    (
        "direitos-laborais-e-seguranca-social",
        "Direitos laborais e segurança social",
        TopicArea.IMMIGRATION_LAW,
        3,
        2,
        "Contratos, salários e descontos: o que a lei garante a quem trabalha na agricultura.",
        ["Ler um contrato e um recibo de vencimento", "Pedir o número de segurança social"],
        "Direitos de quem trabalha: perguntas frequentes",
        [],
    ),
    (
        "articulacao-com-servicos-publicos",
        "Articulação com saúde, educação e segurança social",
        TopicArea.OTHER_SERVICES,
        4,
        2,
        "Centros de saúde, escolas e serviços de segurança social: contactos e circuitos.",
        ["Conhecer os circuitos de inscrição", "Ter um contacto de referência em cada serviço"],
        "Circuitos de encaminhamento",
        [],
    ),
    (
        "encaminhamento-e-sinalizacao",
        "Encaminhamento e sinalização de falhas nos serviços",
        TopicArea.OTHER_SERVICES,
        3,
        1,
        "Encaminhar bem e registar quando um serviço falha, para o poder alertar.",
        ["Preparar um encaminhamento escrito", "Registar uma falha de serviço"],
        "Modelo de encaminhamento",
        ["articulacao-com-servicos-publicos"],
    ),
    (
        "protecao-de-dados-e-etica",
        "Proteção de dados e ética no atendimento",
        TopicArea.OTHER,
        3,
        1,
        "O que se pode registar, guardar e partilhar sobre as pessoas que atendemos.",
        ["Aplicar o RGPD no atendimento", "Registar sem identificar"],
        "Regras de proteção de dados da rede",
        [],
    ),
]

FIRST_EDITION = [
    date(2026, 1, 20),
    date(2026, 2, 24),
    date(2026, 3, 24),
    date(2026, 4, 21),
    date(2026, 5, 19),
    date(2026, 6, 16),
    date(2026, 7, 14),
    date(2026, 9, 15),
    date(2026, 10, 13),
    date(2026, 11, 10),
]
SECOND_EDITION = [
    date(2027, 1, 19),
    date(2027, 2, 16),
    date(2027, 3, 16),
    date(2027, 4, 20),
    date(2027, 5, 18),
    date(2027, 6, 15),
    date(2027, 9, 21),
    date(2027, 10, 19),
    date(2027, 11, 16),
    date(2026, 12, 15),
]
# Office slug → town, for the place text when the network demo has not made the office.
OFFICES = [
    ("gabinete-alcacovas", "Alcáçovas"),
    ("gabinete-evora", "Évora"),
    ("gabinete-montemor-o-novo", "Montemor-o-Novo"),
    ("gabinete-viana-do-alentejo", "Viana do Alentejo"),
    ("gabinete-portel", "Portel"),
    ("gabinete-vidigueira", "Vidigueira"),
    ("gabinete-cuba", "Cuba"),
    ("gabinete-alvito", "Alvito"),
]
TRAINERS = {
    TopicArea.TEAMWORK: "Inês Carvalho (Terras Dentro)",
    TopicArea.INTERCULTURAL: "Samuel Tavares, mediador intercultural",
    TopicArea.IMMIGRATION_LAW: "Dra. Helena Brito, jurista",
    TopicArea.OTHER_SERVICES: "Paulo Nogueira, técnico de ação social",
    TopicArea.OTHER: "Dra. Teresa Lobo, encarregada de proteção de dados",
}

TOPIC_REQUESTS = [
    (
        "Apoio a vítimas de exploração laboral",
        "Nas campanhas agrícolas aparecem casos de salários em atraso e alojamento indigno.",
        TopicArea.IMMIGRATION_LAW,
        TopicRequest.Status.NEW,
        "",
    ),
    (
        "Português para falantes de outras línguas: como encaminhar",
        "Muitas pessoas perguntam por cursos de português e não sabemos o que existe.",
        TopicArea.OTHER_SERVICES,
        TopicRequest.Status.PLANNED,
        "Entra no módulo de articulação com os serviços públicos, na segunda edição.",
    ),
    (
        "Marcações online nos serviços de imigração",
        "As pessoas chegam sem conseguir marcar e precisamos de saber ajudar.",
        TopicArea.IMMIGRATION_LAW,
        TopicRequest.Status.DONE,
        "Tratado na sessão sobre autorizações de residência.",
    ),
    (
        "Curso de condução de carrinhas",
        "Para as deslocações às explorações agrícolas.",
        TopicArea.OTHER,
        TopicRequest.Status.DECLINED,
        "Não cabe no programa de formação; falamos sobre isto na reunião de equipa.",
    ),
]


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _material_pdf(title: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 740, "Documento interno da rede Sem Fronteiras. Uso exclusivo da equipa.")
    pdf.drawString(72, 722, "Conteúdo fictício para demonstração.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _document(title: str, slug: str):
    Document = get_document_model()
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node()
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    return Document.objects.create(
        title=title,
        collection=collection,
        file=ContentFile(_material_pdf(title), name=f"{slug}.pdf"),
    )


def _programme() -> TrainingProgrammePage | None:
    programme = TrainingProgrammePage.objects.first()
    if programme is None:
        return None
    wanted = {
        "target_hours": 60,
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 12, 31),
    }
    if any(getattr(programme, k) != v for k, v in wanted.items()) or not programme.intro:
        for key, value in wanted.items():
            setattr(programme, key, value)
        programme.intro = programme.intro or INTRO
        programme.save_revision().publish()
    return programme


def _modules(programme) -> list[TrainingModulePage]:
    modules = []
    by_slug = {}
    for order, (slug, title, area, f2f, own, summary, objectives, material, _pre) in enumerate(
        MODULES, start=1
    ):
        module = TrainingModulePage.objects.child_of(programme).filter(slug=slug).first()
        if module is None:
            module = TrainingModulePage(
                title=title,
                slug=slug,
                topic_area=area,
                sequence=order,
                face_to_face_hours=Decimal(f2f),
                self_study_hours=Decimal(own),
                summary=summary,
                objectives="<ul>" + "".join(f"<li>{o}</li>" for o in objectives) + "</ul>",
                body=[
                    (
                        "paragraph",
                        f"<p>{summary} Módulo com sessão presencial e estudo autónomo "
                        "dos materiais, que se regista na intranet.</p>",
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Dados de demonstração",
                            "text": "<p>Conteúdos e formadores fictícios.</p>",
                        },
                    ),
                ],
            )
            programme.add_child(instance=module)
            module.materials.add(
                ModuleMaterial(
                    document=_document(material, slug), note="Leitura para o estudo autónomo"
                )
            )
            module.save_revision().publish()
        modules.append(module)
        by_slug[slug] = module
    for (*_fields, prerequisites), module in zip(MODULES, modules, strict=True):
        wanted = {by_slug[p].pk for p in prerequisites}
        if wanted and set(module.prerequisites.values_list("pk", flat=True)) != wanted:
            module.prerequisites.set([by_slug[p] for p in prerequisites])
            module.save_revision().publish()
    return modules


def _session(module, day, index, capacity=12):
    from network.models import SupportOfficePage

    office_slug, town = OFFICES[index % len(OFFICES)]
    office = SupportOfficePage.objects.filter(slug=office_slug).first()
    hours = module.face_to_face_hours
    start = _aware(day, 9, 30)
    end = start + timedelta(hours=float(hours))
    session, _created = TrainingSession.objects.get_or_create(
        module=module,
        starts_at=start,
        defaults={
            "ends_at": end,
            "office": office,
            "place": "Sala de reuniões" if office else f"Sala de reuniões, {town}",
            "trainer": TRAINERS[module.topic_area],
            "capacity": capacity,
        },
    )
    return session


def _book(session, user):
    if Booking.objects.filter(session=session, user=user).exists():
        return
    seat = services._free_seat(session)
    if seat is None:
        Booking.objects.create(
            session=session,
            user=user,
            status=Booking.Status.WAITLISTED,
            waitlisted_at=timezone.now(),
        )
    else:
        Booking.objects.create(session=session, user=user, status=Booking.Status.BOOKED, seat=seat)


def _attend(session, user, status, hours, coordinator):
    if Attendance.objects.filter(session=session, user=user).exists():
        return
    walk_in = not Booking.objects.filter(session=session, user=user).exists()
    Attendance.objects.create(
        session=session,
        user=user,
        status=status,
        hours=hours,
        walk_in=walk_in,
        recorded_by=coordinator,
        recorded_at=session.ends_at,
    )


def _self_study(user, module, when):
    SelfStudyCompletion.objects.get_or_create(
        user=user, module=module, defaults={"hours": module.self_study_hours, "completed_at": when}
    )


def load(stdout) -> None:
    programme = _programme()
    if programme is None:
        stdout.write("  training: no programme page; skipped")
        return
    modules = _modules(programme)
    first = [_session(m, d, i) for i, (m, d) in enumerate(zip(modules, FIRST_EDITION, strict=True))]
    second = [
        _session(m, d, i + 3, capacity=3 if i == len(modules) - 1 else 12)
        for i, (m, d) in enumerate(zip(modules, SECOND_EDITION, strict=True))
    ]

    people = list(
        User.objects.filter(is_active=True, groups__name__in=[STAFF, COORDINATORS])
        .distinct()
        .order_by("username")
    )
    coordinator = (
        User.objects.filter(username="coordinator").first()
        or User.objects.filter(groups__name=COORDINATORS).first()
    )
    others = [p for p in people if p.username not in {"staff", "coordinator"}]
    graduate = others[0] if others else next((p for p in people if p.username == "staff"), None)
    # Two or three people have fallen behind (joined late, long leave): only the first two
    # modules attended, no self-study, so the coordinator report has someone to chase.
    behind = set(others[1:][-3:]) if len(others) > 3 else set(others[1:][-1:])

    for k, person in enumerate(people):
        for i, (module, session) in enumerate(zip(modules, first, strict=True)):
            duration = session.duration_hours
            if person == graduate:
                _book(session, person)
                _attend(session, person, Attendance.Status.PRESENT, duration, coordinator)
                _self_study(person, module, session.ends_at + timedelta(days=7))
                continue
            if person in behind:
                if i < 2:
                    _book(session, person)
                    _attend(
                        session,
                        person,
                        Attendance.Status.PRESENT,
                        session.duration_hours,
                        coordinator,
                    )
                else:
                    _book(second[i], person)
                continue
            attends = (i + k) % 4 != 0
            if attends:
                _book(session, person)
                late = (i * (k + 1)) % 7 == 3
                status = Attendance.Status.LATE if late else Attendance.Status.PRESENT
                hours = duration - Decimal("0.5") if late else duration
                _attend(session, person, status, hours, coordinator)
                if (i + k) % 3 != 0:
                    _self_study(person, module, session.ends_at + timedelta(days=10))
            else:
                if k % 2:
                    _book(session, person)
                    _attend(session, person, Attendance.Status.EXCUSED, Decimal("0"), coordinator)
                # Those who missed the first edition book the second.
                _book(second[i], person)

    # The last session of the second edition is small: full, with a waiting list.
    for person in people[:5]:
        if person != graduate:
            _book(second[-1], person)

    requesters = [p for p in people if p.username != "coordinator"] or people
    for n, (topic, reason, area, status, answer) in enumerate(TOPIC_REQUESTS):
        if not requesters:
            break
        topic_request, created = TopicRequest.objects.get_or_create(
            requester=requesters[n % len(requesters)],
            topic=topic,
            defaults={
                "reason": reason,
                "topic_area": area,
                "status": status,
                "response": answer,
                "triaged_by": coordinator if status != TopicRequest.Status.NEW else None,
            },
        )
        if created and status == TopicRequest.Status.PLANNED:
            topic_request.module = modules[7]
            topic_request.session = second[7]
            topic_request.save()
        elif created and status == TopicRequest.Status.DONE:
            topic_request.module = modules[4]
            topic_request.session = first[4]
            topic_request.save()

    certificates = 0
    if graduate is not None and services.issue_certificate_if_due(graduate):
        certificates = 1
    stdout.write(
        f"  training: {len(modules)} modules, {len(first) + len(second)} sessions, "
        f"attendance for {len(people)} people, {certificates} certificate"
    )
