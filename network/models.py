from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from intranet.core.models import SectionPage


class NetworkDirectoryPage(SectionPage):
    """The shared directory of offices and services, at /directory/. Partners see it too."""

    subpage_types = ["network.SupportOfficePage"]
    open_to_partners = True

    class Meta:
        verbose_name = _("network directory")


class SupportOfficePage(Page):
    """One of the network's eight support offices (gabinetes de apoio)."""

    municipality = models.CharField(_("municipality"), max_length=100)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("municipality"), FieldPanel("description")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("municipality"),
        index.FilterField("municipality"),
    ]

    parent_page_types = ["network.NetworkDirectoryPage"]
    subpage_types: list[str] = []
    template = "network/support_office_page.html"

    class Meta:
        verbose_name = _("support office")
        verbose_name_plural = _("support offices")
