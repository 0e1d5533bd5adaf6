from django import forms
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from ..forms import OpeningHoursModelForm
from ..validators import validate_phone
from .hours import HasOpeningHours, OpeningHoursRow
from .languages import language_names


class ServiceCategory(models.TextChoices):
    HEALTH_CENTRE = "health-centre", _("Health centre")
    HOSPITAL = "hospital", _("Hospital")
    SOCIAL_SECURITY = "social-security", _("Social security")
    EMPLOYMENT = "employment", _("Employment and vocational training")
    IMMIGRATION = "immigration", _("Immigration and asylum")
    EDUCATION = "education", _("Schools and education")
    HOUSING = "housing", _("Housing")
    LEGAL_AID = "legal-aid", _("Legal aid")
    ASSOCIATION = "association", _("Associations and NGOs")
    MUNICIPAL_SOCIAL = "municipal-social", _("Municipal social services")


class ServiceProvider(HasOpeningHours, RevisionMixin, index.Indexed, ClusterableModel):
    """A public service or organisation the offices mediate with.

    ``referral_note`` is internal: staff and coordinators only, never partners.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Stable key used in the URL and by the CSV import."),
    )
    category = models.CharField(_("category"), max_length=30, choices=ServiceCategory.choices)
    municipality = models.CharField(_("municipality"), max_length=100)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = ParentalManyToManyField(
        "network.Language", blank=True, related_name="providers", verbose_name=_("languages")
    )
    eligibility = models.TextField(_("who can use it"), blank=True)
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    referral_note = models.TextField(
        _("referral note (internal)"),
        blank=True,
        help_text=_("Whom to call and how referrals work. Staff only: partners never see it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("municipality")]),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading=_("Contacts"),
        ),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("interval")),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("eligibility"),
        FieldPanel("what_to_bring"),
        FieldPanel("referral_note"),
    ]
    # Never the referral note: partners search this index too.
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("category_labels"),
        index.SearchField("municipality"),
        index.SearchField("language_names"),
        index.SearchField("eligibility"),
        index.SearchField("what_to_bring"),
        index.FilterField("category"),
    ]
    base_form_class = OpeningHoursModelForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        indexes = [
            models.Index(fields=["category", "municipality"]),
            # The directory lists by name and filters by municipality alone too.
            models.Index(fields=["name"], name="network_provider_name"),
            models.Index(fields=["municipality"], name="network_provider_municipality"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:provider-detail", args=[self.slug])

    # Indexed here, once per save, after the languages are written (they follow the row,
    # so Wagtail's post_save indexing would miss them). Rows deleted in bulk leave index
    # entries that match no row: the search runs on the table, so they never show.
    search_auto_update = False

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        index.insert_or_update_object(self)

    def delete(self, *args, **kwargs):
        index.remove_object(self)
        return super().delete(*args, **kwargs)

    def category_labels(self) -> str:
        """The category in every interface language ("Centro de saúde", "Health centre")."""
        label = ServiceCategory(self.category).label if self.category in ServiceCategory else ""
        names = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.append(str(label))
        return " ".join(names)

    def language_names(self) -> str:
        return language_names(self.languages.all())


class ProviderOpeningHours(OpeningHoursRow):
    provider = ParentalKey(ServiceProvider, on_delete=models.CASCADE, related_name="opening_hours")

    class Meta(OpeningHoursRow.Meta):
        verbose_name = _("service opening hours")
        verbose_name_plural = _("service opening hours")


class PartnerOrganisation(models.Model):
    """An organisation in the network: the managing association, the municipalities,
    transnational partners."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Managing association")
        MUNICIPALITY = "municipality", _("Partner municipality")
        TRANSNATIONAL = "transnational", _("Transnational partner")
        OTHER = "other", _("Other partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role = models.TextField(_("role in the network"))
    municipality = models.CharField(_("municipality or country"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    office = models.ForeignKey(
        "network.SupportOfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_organisations",
        verbose_name=_("support office"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order")]),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("website")]),
        FieldPanel("office"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name
