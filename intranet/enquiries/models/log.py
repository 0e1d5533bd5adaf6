"""The enquiry log: one row per question someone brought to an office. Anonymous by
design: office, date, channel, topic, outcome, the service involved and coarse bands;
never a name, a contact, a document number, an exact age or a nationality."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.topics import ENQUIRY_TOPICS, SUBTOPIC_CHOICES

from ..choices import AgeBand, Channel, Outcome, Region, Sex, TimeInPortugal
from ..privacy import validate_anonymous_text

# The author may change an entry this long after logging it; then it is locked and only
# coordinators correct it, with a reason kept in the trail.
EDIT_WINDOW = datetime.timedelta(days=7)
NOTE_LENGTH = 280
MAX_PEOPLE = 30


class Enquiry(models.Model):
    # Made on the device when logged offline (field mode): the same entry sent twice is
    # stored once.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    date = models.DateField(_("date"))
    office = models.ForeignKey(
        "network.SupportOfficePage",
        on_delete=models.PROTECT,
        related_name="enquiries",
        verbose_name=_("office"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    topic = models.CharField(_("topic"), max_length=30, choices=ENQUIRY_TOPICS)
    subtopic = models.CharField(_("question"), max_length=30, choices=SUBTOPIC_CHOICES, blank=True)
    provider = models.ForeignKey(
        "network.ServiceProvider",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("service involved"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    follow_up = models.BooleanField(_("follow-up needed"), default=False)
    people = models.PositiveSmallIntegerField(
        _("people in the enquiry"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)],
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    region = models.CharField(
        _("region of origin"), max_length=20, choices=Region.choices, blank=True
    )
    time_in_portugal = models.CharField(
        _("time in Portugal"), max_length=10, choices=TimeInPortugal.choices, blank=True
    )
    note = models.CharField(
        _("note"), max_length=NOTE_LENGTH, blank=True, validators=[validate_anonymous_text]
    )
    outreach_visit = models.ForeignKey(
        "enquiries.OutreachVisit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("outreach visit"),
    )
    created_at = models.DateTimeField(_("logged at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        indexes = [
            # The insights count a period by office, topic, question, channel, outcome and
            # service: with every column they group on in one index after the date, each
            # of their GROUP BY queries reads the index alone, never the table.
            models.Index(
                fields=[
                    "date",
                    "office",
                    "topic",
                    "subtopic",
                    "channel",
                    "outcome",
                    "provider",
                    "people",
                ],
                name="enquiry_insights_covering",
            ),
            models.Index(fields=["office", "date"]),
            # The log filtered by topic across every office (coordinators).
            models.Index(fields=["topic", "date"], name="enquiry_topic_date"),
            models.Index(fields=["provider", "outcome", "date"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} · {self.date:%Y-%m-%d}"

    @property
    def locked_from(self) -> datetime.datetime:
        return self.created_at + EDIT_WINDOW

    def is_locked(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.locked_from


class EnquiryChange(models.Model):
    """The trail of an entry: every change after it was logged, by whom, and why."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    is_correction = models.BooleanField(_("correction by a coordinator"), default=False)
    reason = models.TextField(_("reason"), blank=True, validators=[validate_anonymous_text])
    # {field name: [value before, value after]}, as shown to people (labels, not keys).
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("change to an enquiry")
        verbose_name_plural = _("changes to enquiries")

    def __str__(self) -> str:
        return f"{self.enquiry_id} · {self.changed_at:%Y-%m-%d %H:%M}"


class FoldedEnquiryCount(models.Model):
    """Enquiries past the retention period, folded into counts per month by the
    dimensions insights use (``fold_old_enquiries``); the rows themselves are deleted."""

    month = models.DateField(_("month"))
    office = models.ForeignKey(
        "network.SupportOfficePage", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    topic = models.CharField(max_length=30, choices=ENQUIRY_TOPICS)
    subtopic = models.CharField(max_length=30, choices=SUBTOPIC_CHOICES, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    provider = models.ForeignKey(
        "network.ServiceProvider", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    enquiries = models.PositiveIntegerField()
    people = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("folded enquiry count")
        verbose_name_plural = _("folded enquiry counts")
        indexes = [models.Index(fields=["month", "office"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} · {self.topic} · {self.enquiries}"
