from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.topics import ENQUIRY_TOPICS

from ..choices import PlaceKind
from ..privacy import validate_anonymous_text

MAX_REACHED = 500


class OutreachVisit(models.Model):
    """A visit to where people work or spend their free time: first informal contact.

    Enquiries logged on the spot point to the visit (``Enquiry.outreach_visit``)."""

    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    date = models.DateField(_("date"))
    office = models.ForeignKey(
        "network.SupportOfficePage",
        on_delete=models.PROTECT,
        related_name="outreach_visits",
        verbose_name=_("office"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    municipality = models.CharField(_("municipality"), max_length=100)
    place_kind = models.CharField(_("kind of place"), max_length=20, choices=PlaceKind.choices)
    place = models.CharField(
        _("place"),
        max_length=120,
        blank=True,
        validators=[validate_anonymous_text],
        help_text=_("What kind of place, e.g. “vineyard at harvest time”, “café”. No names."),
    )
    people_reached = models.PositiveIntegerField(
        _("people reached"), validators=[MinValueValidator(1), MaxValueValidator(MAX_REACHED)]
    )
    note = models.CharField(
        _("note"), max_length=280, blank=True, validators=[validate_anonymous_text]
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name = _("outreach visit")
        verbose_name_plural = _("outreach visits")
        indexes = [models.Index(fields=["office", "date"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.get_place_kind_display()} · {self.municipality} · {self.date:%Y-%m-%d}"


class OutreachTopic(models.Model):
    """A topic raised during a visit (one row each, so insights can count them in SQL)."""

    visit = models.ForeignKey(OutreachVisit, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=30, choices=ENQUIRY_TOPICS)

    class Meta:
        verbose_name = _("topic raised")
        verbose_name_plural = _("topics raised")
        constraints = [
            models.UniqueConstraint(fields=["visit", "topic"], name="one_topic_per_visit")
        ]

    def __str__(self) -> str:
        return self.get_topic_display()
