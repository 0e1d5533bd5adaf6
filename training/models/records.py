"""Plain models of the programme: sessions, bookings, attendance, self-study, requests and
certificates. Anything that moves hours lives in training.services; calendar tokens are the
core's PersonalToken (purpose ``CALENDAR_PURPOSE``)."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from .pages import TopicArea, TrainingModulePage

# The purpose of a person's calendar token (intranet.core.tokens).
CALENDAR_PURPOSE = "training-calendar"


def new_certificate_code() -> str:
    # Unambiguous, easy to read aloud or type: 12 characters in three groups.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class TrainingSession(index.Indexed, models.Model):
    """A face-to-face session of a module, at an office or elsewhere."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    module = models.ForeignKey(
        TrainingModulePage,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("module"),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional; the module's title if empty."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    office = models.ForeignKey(
        "network.SupportOfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("support office"),
    )
    place = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("Room or address; or the place when it is not a support office."),
    )
    trainer = models.CharField(_("trainer"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=12, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("trainer"),
        index.SearchField("place"),
        index.SearchField("notes"),
        index.RelatedFields("module", [index.SearchField("title")]),
        index.RelatedFields("office", [index.SearchField("title")]),
    ]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        # Upcoming sessions: scheduled ones from now on, soonest first.
        indexes = [models.Index(fields=["status", "starts_at"], name="training_session_upcoming")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="training_session_capacity_min_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})

    @property
    def display_title(self) -> str:
        return self.title or (self.module.title if self.module_id else "")

    @property
    def duration_hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def place_label(self) -> str:
        parts = [self.office.title] if self.office_id and self.office else []
        if self.place:
            parts.append(self.place)
        return " — ".join(parts)


class Booking(models.Model):
    """A place on a session, or a place in its waiting list.

    A confirmed booking holds a seat number from 1 to the session's capacity; the unique
    constraint on (session, seat) means two concurrent bookings can never take the same
    seat, whatever the database and whatever the locking.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_bookings",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    seat = models.PositiveSmallIntegerField(_("seat"), null=True, blank=True)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        # A session's booked seats and its waiting list, first come first served.
        indexes = [
            models.Index(
                fields=["session", "status", "waitlisted_at"], name="training_booking_by_status"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="training_booking_one_per_person"
            ),
            models.UniqueConstraint(
                fields=["session", "seat"],
                condition=Q(seat__isnull=False),
                name="training_booking_one_person_per_seat",
            ),
            models.CheckConstraint(
                condition=(Q(status="booked") & Q(seat__gte=1))
                | (~Q(status="booked") & Q(seat__isnull=True)),
                name="training_booking_seat_iff_booked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.session}"


class Attendance(models.Model):
    """The register: one row per person per session, with the hours it credits."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    CREDITING = (Status.PRESENT, Status.LATE)

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_attendances",
        verbose_name=_("person"),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    hours = models.DecimalField(
        _("hours credited"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    walk_in = models.BooleanField(_("walk-in"), default=False, help_text=_("Came without booking."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_attendance_once"),
            models.CheckConstraint(
                condition=Q(hours__gte=0), name="training_attendance_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.session} · {self.get_status_display()}"


class SelfStudyCompletion(models.Model):
    """A person's declaration that they did a module's self-study part (credited once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_self_study",
        verbose_name=_("person"),
    )
    module = models.ForeignKey(
        TrainingModulePage,
        on_delete=models.PROTECT,
        related_name="self_study_completions",
        verbose_name=_("module"),
    )
    hours = models.DecimalField(_("hours credited"), max_digits=5, decimal_places=2)
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("self-study completion")
        verbose_name_plural = _("self-study completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="training_self_study_once"),
            models.CheckConstraint(
                condition=Q(hours__gte=0), name="training_self_study_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.module}"


class TopicRequest(models.Model):
    """A topic a staff member would like the programme to cover."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_topic_requests",
        verbose_name=_("requested by"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    reason = models.TextField(_("why it is needed"))
    topic_area = models.CharField(
        _("topic area"), max_length=20, choices=TopicArea.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    module = models.ForeignKey(
        TrainingModulePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topic_requests",
        verbose_name=_("module"),
    )
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topic_requests",
        verbose_name=_("session"),
    )
    response = models.TextField(
        _("coordinators' answer"), blank=True, help_text=_("Required when declining: the reason.")
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("triaged by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("topic request")
        verbose_name_plural = _("topic requests")
        # The triage queue: requests by status, newest first.
        indexes = [models.Index(fields=["status", "-created_at"], name="training_request_queue")]

    def __str__(self) -> str:
        return self.topic


class Certificate(models.Model):
    """Issued once a person reaches the programme's target; verifiable by its code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_certificate",
        verbose_name=_("person"),
    )
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_certificate_code
    )
    full_name = models.CharField(_("name"), max_length=300)
    total_hours = models.DecimalField(_("total hours"), max_digits=6, decimal_places=2)
    hours_by_area = models.JSONField(_("hours by topic area"), default=dict)
    first_date = models.DateField(_("first training date"), null=True, blank=True)
    last_date = models.DateField(_("last training date"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.full_name} · {self.code}"
