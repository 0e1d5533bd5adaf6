import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from intranet.core.models import SectionPage

from ..forms import OpeningHoursPageForm
from ..validators import validate_phone
from .hours import HasOpeningHours, OpeningHoursRow
from .languages import language_names


class NetworkDirectoryPage(SectionPage):
    """The shared directory of offices and services. Partners see it too, wherever editors
    put it (``intranet.core.partner_scope``); its Django views (CSV, map, vCards, services)
    keep their own fixed address, /directory/… (``network.urls``)."""

    nav_icon = "map"

    subpage_types = ["network.SupportOfficePage"]
    open_to_partners = True

    class Meta:
        verbose_name = _("network directory")

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("print"):
            return "network/network_directory_page_print.html"
        return "network/network_directory_page.html"

    def get_context(self, request, *args, **kwargs):
        from ..services import directory_context

        context = Page.get_context(self, request, *args, **kwargs)
        context.update(directory_context(request, self))
        return context


class SupportOfficePage(HasOpeningHours, Page):
    """One of the network's eight support offices (gabinetes de apoio)."""

    municipality = models.CharField(_("municipality"), max_length=100)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link"])
    host_organisation = models.CharField(
        _("host organisation"),
        max_length=150,
        blank=True,
        help_text=_("e.g. Câmara Municipal de Portel"),
    )
    in_town_hall = models.BooleanField(_("in the town hall"), default=False)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    languages = ParentalManyToManyField(
        "network.Language", blank=True, related_name="offices", verbose_name=_("languages spoken")
    )
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(36), MaxValueValidator(43)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-10), MaxValueValidator(-6)],
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("host_organisation")]),
        FieldPanel("in_town_hall"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("interval")),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("accessibility"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Map")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("municipality"),
        index.SearchField("host_organisation"),
        index.SearchField("address"),
        index.SearchField("description"),
        index.SearchField("language_names"),
        index.FilterField("municipality"),
    ]
    base_form_class = OpeningHoursPageForm

    parent_page_types = ["network.NetworkDirectoryPage"]
    subpage_types: list[str] = []
    template = "network/support_office_page.html"

    class Meta:
        verbose_name = _("support office")
        verbose_name_plural = _("support offices")

    def language_names(self) -> str:
        return language_names(self.languages.all())

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # The languages are written after the row (and after post_save indexed it).
        if self.live:
            index.insert_or_update_object(self)
        return result

    @property
    def place_name(self) -> str:
        """ "Gabinete de Apoio de Alcáçovas" -> "Alcáçovas", for the map's labels."""
        return re.sub(r"^Gabinete de Apoio d[aeo]s? ", "", self.title) or self.municipality

    def get_context(self, request, *args, **kwargs):
        from ..services import office_panels

        context = super().get_context(request, *args, **kwargs)
        context["office_panels"] = office_panels(request, self)
        return context


class OfficeOpeningHours(OpeningHoursRow):
    page = ParentalKey(SupportOfficePage, on_delete=models.CASCADE, related_name="opening_hours")

    class Meta(OpeningHoursRow.Meta):
        verbose_name = _("office opening hours")
        verbose_name_plural = _("office opening hours")
