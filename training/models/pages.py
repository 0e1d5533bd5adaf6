from datetime import date
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from intranet.core.blocks import BaseStreamBlock
from intranet.core.models import SectionPage


class TopicArea(models.TextChoices):
    TEAMWORK = "teamwork", _("Teamwork")
    INTERCULTURAL = "intercultural", _("Intercultural skills")
    IMMIGRATION_LAW = "immigration_law", _("Immigration law and procedures")
    OTHER_SERVICES = "other_services", _("Working with other services")
    OTHER = "other", _("Other")


class TrainingProgrammePage(SectionPage):
    """The staff training programme (the section page): a target in hours over a period."""

    nav_icon = "graduation"

    target_hours = models.PositiveSmallIntegerField(
        _("target hours"), default=60, validators=[MinValueValidator(1)]
    )
    start_date = models.DateField(_("start date"), default=date(2026, 1, 1))
    end_date = models.DateField(_("end date"), default=date(2027, 12, 31))

    content_panels = [
        *SectionPage.content_panels,
        FieldRowPanel(
            [FieldPanel("target_hours"), FieldPanel("start_date"), FieldPanel("end_date")]
        ),
    ]

    subpage_types = ["training.TrainingModulePage"]
    template = "training/training_programme_page.html"

    class Meta:
        verbose_name = _("training programme")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("The end date must be after the start date.")})

    def get_context(self, request, *args, **kwargs):
        from intranet.core.caching import remember
        from training import services

        context = super().get_context(request, *args, **kwargs)
        # The same for everyone: kept under the content generation (a new module, session
        # or booking shows on the next request), the sessions per minute ("upcoming").
        modules = remember(
            f"training:modules:{self.pk}",
            lambda: list(
                TrainingModulePage.objects.child_of(self).live().order_by("sequence", "title")
            ),
            request=request,
        )
        upcoming = remember(
            f"training:upcoming:{timezone.now():%Y%m%d%H%M}",
            lambda: list(services.upcoming_sessions()[:5]),
            request=request,
        )
        context["modules"] = modules
        context["ledger"] = self._ledger(request, modules)
        context["upcoming"] = services.mark_my_bookings(upcoming, request.user)
        return context

    def _ledger(self, request, modules):
        """The reader's hours: the same cached summary as their progress page when this is
        the current programme."""
        from training.services.summary import programme_and_modules, training_summary

        current, _modules = programme_and_modules(request)
        if current is not None and current.pk == self.pk:
            summary = training_summary(request.user, request)
            return summary.ledger if summary else None
        from training import services

        return services.ledger_for(request.user, programme=self, modules=modules)


class TrainingModulePage(Page):
    """One module of the programme: a topic area, nominal hours and what to read."""

    topic_area = models.CharField(
        _("topic area"), max_length=20, choices=TopicArea.choices, default=TopicArea.OTHER
    )
    sequence = models.PositiveSmallIntegerField(
        _("order"), default=1, help_text=_("Modules are listed by this number, lowest first.")
    )
    face_to_face_hours = models.DecimalField(
        _("face-to-face hours"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    self_study_hours = models.DecimalField(
        _("self-study hours"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    objectives = RichTextField(
        _("objectives"), blank=True, features=["bold", "italic", "ul", "ol", "link"]
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
        help_text=_("Modules staff should take before this one (optional)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("topic_area"),
                FieldPanel("sequence"),
                FieldRowPanel([FieldPanel("face_to_face_hours"), FieldPanel("self_study_hours")]),
                FieldPanel("prerequisites"),
            ],
            heading=_("Programme"),
        ),
        FieldPanel("objectives"),
        FieldPanel("body"),
        InlinePanel("materials", label=_("Materials"), heading=_("Materials")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("body"),
        index.FilterField("topic_area"),
    ]

    parent_page_types = ["training.TrainingProgrammePage"]
    subpage_types: list[str] = []
    template = "training/training_module_page.html"

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    @property
    def nominal_hours(self) -> Decimal:
        return (self.face_to_face_hours or Decimal(0)) + (self.self_study_hours or Decimal(0))

    def get_context(self, request, *args, **kwargs):
        from intranet.core.caching import remember
        from training import services

        context = super().get_context(request, *args, **kwargs)
        context["materials"] = self.materials.select_related("document")
        context["prerequisite_pages"] = self.prerequisites.live().order_by("sequence")
        sessions = remember(
            f"training:module-sessions:{self.pk}:{timezone.now():%Y%m%d%H%M}",
            lambda: list(services.upcoming_sessions().filter(module=self)[:20]),
            request=request,
        )
        context["sessions"] = services.mark_my_bookings(sessions, request.user)
        context["self_study_done"] = (
            request.user.is_authenticated
            and self.self_study_completions.filter(user=request.user).exists()
        )
        return context


class ModuleMaterial(Orderable):
    """A reading or handout for a module: a Wagtail document, kept in a staff-only collection."""

    module = ParentalKey(TrainingModulePage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")
