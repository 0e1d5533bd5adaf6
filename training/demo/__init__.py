"""The training demo, read from the YAML files beside this module: the programme and its
modules (``programme.yaml``), the sessions (``sessions.yaml``), what each demo colleague
did (``people.yaml``) and the topic requests (``requests.yaml``). Fictional data.

Idempotent: every record is looked up by a stable key (slug, session date, person)
before it is made, so loading twice changes nothing. Certificates are not data: they are
issued as on the live site, to whoever has reached the target, dated when they did.
"""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Collection

import yaml

from intranet.core.demo import demo_shift, shift_dates
from network.models import SupportOfficePage

from ..models import (
    Attendance,
    Booking,
    ModuleMaterial,
    SelfStudyCompletion,
    TopicRequest,
    TrainingModulePage,
    TrainingProgrammePage,
    TrainingSession,
)
from ..services.booking import free_seat
from ..services.certificates import issue_due_certificates

DATA = Path(__file__).parent
PRIVATE_COLLECTION = "Documentos internos"
SESSION_START = time(9, 30)
SELF_STUDY_TIME = time(17, 0)


def _read(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as file:
        return yaml.safe_load(file)


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


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
    collection = collection or Collection.get_first_root_node()
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    return Document.objects.create(
        title=title, collection=collection, file=ContentFile(_material_pdf(title), f"{slug}.pdf")
    )


def _programme(data: dict) -> TrainingProgrammePage | None:
    programme = TrainingProgrammePage.objects.first()
    if programme is None:
        return None
    wanted = {key: data[key] for key in ("target_hours", "start_date", "end_date")}
    if any(getattr(programme, key) != value for key, value in wanted.items()) or not (
        programme.intro
    ):
        for key, value in wanted.items():
            setattr(programme, key, value)
        programme.intro = programme.intro or data["intro"]
        programme.save_revision().publish()
    return programme


def _module(programme, order: int, entry: dict) -> TrainingModulePage:
    module = TrainingModulePage.objects.child_of(programme).filter(slug=entry["slug"]).first()
    if module is not None:
        return module
    summary = entry["summary"]
    module = TrainingModulePage(
        title=entry["title"],
        slug=entry["slug"],
        topic_area=entry["topic_area"],
        sequence=order,
        face_to_face_hours=Decimal(str(entry["face_to_face"])),
        self_study_hours=Decimal(str(entry["self_study"])),
        summary=summary,
        objectives="<ul>" + "".join(f"<li>{o}</li>" for o in entry["objectives"]) + "</ul>",
        body=[
            (
                "paragraph",
                f"<p>{summary} Módulo com sessão presencial e estudo autónomo dos "
                "materiais, que se regista na intranet.</p>",
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
    document = _document(entry["material"], entry["slug"])
    module.materials.add(ModuleMaterial(document=document, note="Leitura para o estudo autónomo"))
    module.save_revision().publish()
    return module


def _modules(programme, entries: list[dict]) -> dict[str, TrainingModulePage]:
    modules = {e["slug"]: _module(programme, n, e) for n, e in enumerate(entries, start=1)}
    for entry in entries:
        module = modules[entry["slug"]]
        wanted = {modules[slug].pk for slug in entry.get("prerequisites", [])}
        if wanted and set(module.prerequisites.values_list("pk", flat=True)) != wanted:
            module.prerequisites.set([modules[slug] for slug in entry["prerequisites"]])
            module.save_revision().publish()
    return modules


def _session(entry: dict, modules, trainers, offices) -> TrainingSession:
    module = modules[entry["key"].split("/")[0]]
    office = offices.get(entry["office"])
    start = _aware(entry["date"], SESSION_START)
    session, _created = TrainingSession.objects.get_or_create(
        module=module,
        starts_at=start,
        defaults={
            "ends_at": start + timedelta(hours=float(module.face_to_face_hours)),
            "office": office,
            "place": "Sala de reuniões" if office else f"Sala de reuniões, {entry['town']}",
            "trainer": trainers[module.topic_area],
            "capacity": entry.get("capacity", 12),
        },
    )
    return session


def _booked_at(session: TrainingSession) -> datetime:
    return min(timezone.now(), session.starts_at - timedelta(days=21))


def _book(session: TrainingSession, person: User) -> None:
    if Booking.objects.filter(session=session, user=person).exists():
        return
    seat = free_seat(session)
    Booking.objects.create(
        session=session,
        user=person,
        status=Booking.Status.BOOKED if seat else Booking.Status.WAITLISTED,
        seat=seat,
        created_at=_booked_at(session),
        waitlisted_at=None if seat else _booked_at(session),
    )


def _wait(session: TrainingSession, people: list[User]) -> None:
    for position, person in enumerate(people):
        if not Booking.objects.filter(session=session, user=person).exists():
            at = _booked_at(session) + timedelta(minutes=position)
            Booking.objects.create(
                session=session,
                user=person,
                status=Booking.Status.WAITLISTED,
                created_at=at,
                waitlisted_at=at,
            )


def _attend(session: TrainingSession, person: User, record, coordinator) -> None:
    status, hours = (record, None) if isinstance(record, str) else record
    if hours is None:
        hours = session.duration_hours if status in Attendance.CREDITING else Decimal(0)
    _book(session, person)
    Attendance.objects.get_or_create(
        session=session,
        user=person,
        defaults={
            "status": status,
            "hours": Decimal(str(hours)),
            "walk_in": False,
            "recorded_by": coordinator,
            "recorded_at": session.ends_at,
        },
    )


def _records(people: dict, sessions, modules, users, coordinator) -> int:
    count = 0
    for username, record in people.items():
        person = users.get(username)
        if person is None:
            continue
        count += 1
        for key, attended in (record.get("attended") or {}).items():
            _attend(sessions[key], person, attended, coordinator)
        for slug, day in (record.get("self_study") or {}).items():
            module = modules[slug]
            SelfStudyCompletion.objects.get_or_create(
                user=person,
                module=module,
                defaults={
                    "hours": module.self_study_hours,
                    "completed_at": _aware(day, SELF_STUDY_TIME),
                },
            )
        for key in record.get("booked") or []:
            _book(sessions[key], person)
    return count


def _topic_requests(entries, modules, sessions, users, coordinator) -> None:
    for entry in entries:
        requester = users.get(entry["requester"])
        if requester is None:
            continue
        TopicRequest.objects.get_or_create(
            requester=requester,
            topic=entry["topic"],
            defaults={
                "reason": entry["reason"],
                "topic_area": entry["topic_area"],
                "status": entry["status"],
                "response": entry.get("response", ""),
                "module": modules.get(entry.get("module")),
                "session": sessions.get(entry.get("session")),
                "triaged_by": None if entry["status"] == TopicRequest.Status.NEW else coordinator,
                "created_at": _aware(entry["requested_on"], time(10, 0)),
            },
        )


def _shift(first: dict) -> timedelta:
    """How far the files' dates move (intranet.core.demo.demo_shift), kept from the first
    load: found again from the first session, so that a second load finds every record."""
    module_slug = first["key"].split("/")[0]
    loaded = (
        TrainingSession.objects.filter(module__slug=module_slug)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return timezone.localdate(loaded) - first["date"] if loaded else demo_shift()


def load(stdout) -> None:
    raw_entries = _read("sessions.yaml")["sessions"]
    shift = _shift(raw_entries[0])
    setup = shift_dates(_read("programme.yaml"), shift)
    programme = _programme(setup["programme"])
    if programme is None:
        stdout.write("  training: no programme page; skipped")
        return
    modules = _modules(programme, setup["modules"])
    offices = {page.slug: page for page in SupportOfficePage.objects.all()}
    entries = shift_dates(raw_entries, shift)
    sessions = {e["key"]: _session(e, modules, setup["trainers"], offices) for e in entries}
    people = shift_dates(_read("people.yaml"), shift)
    waiting = {e["key"]: e.get("waiting_list", []) for e in entries}
    named = set(people) | {username for line in waiting.values() for username in line}
    users = {user.username: user for user in User.objects.filter(username__in=named)}
    coordinator = users.get("coordinator")  # who kept the registers and answered requests
    count = _records(people, sessions, modules, users, coordinator)
    for key, usernames in waiting.items():
        _wait(sessions[key], [users[name] for name in usernames if name in users])
    requests = shift_dates(_read("requests.yaml")["topic_requests"], shift)
    _topic_requests(requests, modules, sessions, users, coordinator)
    issue_due_certificates()
    stdout.write(
        f"  training: {len(modules)} modules, {len(sessions)} sessions, records of {count} "
        f"people (fictional)"
    )
