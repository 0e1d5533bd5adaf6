from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    """The dashboard: each app contributes panels through the register_dashboard_panel hook."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "training.TrainingProgrammePage",
        "legal.LegalUpdateIndexPage",
        "people.PeopleIndexPage",
        "network.NetworkDirectoryPage",
        "knowledge.KnowledgeBaseIndexPage",
        "core.ContentPage",
    ]
    max_count = 1
    template = "core/home_page.html"

    class Meta:
        verbose_name = _("home page (dashboard)")

    def get_context(self, request, *args, **kwargs):
        from .dashboard import panels_for

        context = super().get_context(request, *args, **kwargs)
        context["panels"] = panels_for(request)
        return context


class ContentPage(Page):
    """A general page for the network's own information (how the intranet works, contacts)."""

    summary = models.CharField(_("summary"), max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["core.HomePage", "core.ContentPage"]
    subpage_types = ["core.ContentPage"]
    template = "core/content_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class SectionPage(Page):
    """Base for the fixed top-level sections of the dashboard (one of each)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    max_count = 1
    # Partners (people in partner organisations) see only sections that say True here.
    open_to_partners = False

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = (
            self.get_children().live().specific().only("id", "title", "url_path")[:100]
        )
        return context
