"""Service-gap reports: where a public service fails people, with evidence from the log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.topics import ENQUIRY_TOPICS

from ..choices import OPEN_GAP_STATUSES, GapStatus
from ..privacy import validate_anonymous_text


class ServiceGap(models.Model):
    provider = models.ForeignKey(
        "network.ServiceProvider",
        on_delete=models.PROTECT,
        related_name="service_gaps",
        verbose_name=_("service"),
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(
        _("what goes wrong"),
        validators=[validate_anonymous_text],
        help_text=_(
            "What happens to people at this service, in a few sentences the service can "
            "read. No names and no identifying details."
        ),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    # The outcomes that count as evidence (choices.PROBLEM_OUTCOMES), and optionally a topic.
    outcomes = models.JSONField(_("outcomes counted as evidence"), default=list)
    topic = models.CharField(_("topic"), max_length=30, choices=ENQUIRY_TOPICS, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GapStatus.choices, default=GapStatus.DRAFT
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    office = models.ForeignKey(
        "network.SupportOfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("service gap")
        verbose_name_plural = _("service gaps")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_GAP_STATUSES


class ServiceGapEvent(models.Model):
    """One step of a gap's status trail: dated, with who and a note."""

    gap = models.ForeignKey(ServiceGap, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=GapStatus.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True, validators=[validate_anonymous_text])
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["date", "recorded_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.date:%Y-%m-%d}"
