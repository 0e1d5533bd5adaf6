"""Training at national scale (``seed_scale``): sessions of the programme's modules in
offices across the country, with bookings, waiting lists, attendance registers,
self-study declarations and topic requests. Certificates are not made here: they are
issued when hours are recorded on the live site (``issue_due_certificates``)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from intranet.core.scale import ScaleRun, add_pages, unique_slugs
from intranet.people.services import colleagues
from network.models import SupportOfficePage

from ..models import (
    Attendance,
    Booking,
    SelfStudyCompletion,
    TopicArea,
    TopicRequest,
    TrainingModulePage,
    TrainingProgrammePage,
    TrainingSession,
)

SESSIONS_PER_FACTOR = 6
REQUESTS_PER_FACTOR = 2
PAST_SHARE = 0.4
TRAINERS = ["Equipa de coordenação", "Jurista da rede", "Formadora externa (IEFP)", "AIMA"]
# Modules for a bare install that has a programme page but none of the demo's modules.
FALLBACK_MODULES = [
    ("Trabalho em equipa na rede", TopicArea.TEAMWORK),
    ("Competências interculturais", TopicArea.INTERCULTURAL),
    ("Lei de Estrangeiros: o essencial", TopicArea.IMMIGRATION_LAW),
    ("Trabalhar com os serviços públicos", TopicArea.OTHER_SERVICES),
]
REQUEST_TOPICS = [
    "Renovação de autorizações de residência",
    "Primeiros socorros psicológicos",
    "Contratos de trabalho sazonal",
    "Comunicação com intérprete",
    "Acesso ao SNS sem número de utente",
]
ATTENDANCE_MIX = [Attendance.Status.PRESENT] * 7 + [
    Attendance.Status.LATE,
    Attendance.Status.ABSENT,
    Attendance.Status.EXCUSED,
]


def _modules(programme) -> list[TrainingModulePage]:
    modules = list(TrainingModulePage.objects.child_of(programme).live().order_by("sequence"))
    if modules:
        return modules
    titles = [title for title, _area in FALLBACK_MODULES]
    slugs = unique_slugs(titles, set())
    pages = [
        TrainingModulePage(
            title=title,
            slug=slug,
            topic_area=area,
            sequence=order,
            face_to_face_hours=Decimal(6),
            self_study_hours=Decimal(4),
            summary="Módulo de demonstração (dados de escala).",
        )
        for order, ((title, area), slug) in enumerate(zip(FALLBACK_MODULES, slugs, strict=True), 1)
    ]
    return list(add_pages(programme, pages))


def seed(run: ScaleRun) -> None:
    programme = TrainingProgrammePage.objects.first()
    people = list(colleagues().order_by("pk").values_list("pk", flat=True))
    if programme is None or not people:
        run.say("training: no programme or nobody on staff, nothing added")
        return
    rng = run.rng("training")
    modules = _modules(programme)
    offices = list(SupportOfficePage.objects.values_list("pk", flat=True))
    now = timezone.now()
    number = run.count(SESSIONS_PER_FACTOR)
    sessions = []
    for n in range(number):
        module = modules[n % len(modules)]
        past = rng.random() < PAST_SHARE
        days = -rng.randint(1, 400) if past else rng.randint(1, 240)
        starts = (now + datetime.timedelta(days=days)).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
        sessions.append(
            TrainingSession(
                module=module,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=rng.choice([3, 3.5, 6])),
                office_id=rng.choice(offices) if offices else None,
                place=rng.choice(["Sala de reuniões", "Auditório municipal", "Biblioteca"]),
                trainer=rng.choice(TRAINERS),
                capacity=rng.choice([10, 12, 16, 20]),
                status=(
                    TrainingSession.Status.CANCELLED
                    if rng.random() < 0.03
                    else TrainingSession.Status.SCHEDULED
                ),
            )
        )
    TrainingSession.objects.bulk_create(sessions, batch_size=1000)
    bookings, attendances = [], []
    for session in sessions:
        if session.is_cancelled:
            continue
        wanted = min(len(people), session.capacity + rng.randint(-4, 3))
        chosen = rng.sample(people, max(wanted, 1))
        past = session.starts_at < now
        booked_at = session.starts_at - datetime.timedelta(days=rng.randint(3, 30))
        for seat, user_id in enumerate(chosen, start=1):
            if seat <= session.capacity:
                bookings.append(
                    Booking(
                        session=session,
                        user_id=user_id,
                        status=Booking.Status.BOOKED,
                        seat=seat,
                        created_at=booked_at,
                    )
                )
                if past:
                    status = rng.choice(ATTENDANCE_MIX)
                    attendances.append(
                        Attendance(
                            session=session,
                            user_id=user_id,
                            status=status,
                            hours=session.duration_hours
                            if status in Attendance.CREDITING
                            else Decimal(0),
                            recorded_at=session.ends_at,
                        )
                    )
            elif not past:
                bookings.append(
                    Booking(
                        session=session,
                        user_id=user_id,
                        status=Booking.Status.WAITLISTED,
                        created_at=booked_at,
                        waitlisted_at=booked_at,
                    )
                )
    Booking.objects.bulk_create(bookings, batch_size=2000)
    Attendance.objects.bulk_create(attendances, batch_size=2000)
    completions = [
        SelfStudyCompletion(
            user_id=user_id,
            module=module,
            hours=module.self_study_hours,
            completed_at=now - datetime.timedelta(days=rng.randint(1, 400)),
        )
        for user_id in people
        if rng.random() < 0.3
        for module in rng.sample(modules, min(2, len(modules)))
        if module.self_study_hours
    ]
    SelfStudyCompletion.objects.bulk_create(completions, batch_size=2000, ignore_conflicts=True)
    statuses = [s for s, _label in TopicRequest.Status.choices]
    requests = []
    for _n in range(run.count(REQUESTS_PER_FACTOR)):
        status = rng.choice(statuses)
        requests.append(
            TopicRequest(
                requester_id=rng.choice(people),
                topic=rng.choice(REQUEST_TOPICS),
                reason="Aparece muitas vezes no atendimento. (dados de escala)",
                status=status,
                # Declining needs a reason, as in the triage form.
                response="Já coberto pelo módulo de base." if status == "declined" else "",
                created_at=now - datetime.timedelta(days=rng.randint(1, 300)),
            )
        )
    TopicRequest.objects.bulk_create(requests)
    run.made("training sessions", len(sessions))
    run.made("bookings", len(bookings))
    run.made("attendance rows", len(attendances))
    run.say(
        f"training: {len(sessions):,} sessions, {len(bookings):,} bookings, "
        f"{len(attendances):,} attendance rows, {len(completions):,} self-study declarations"
    )
