from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from intranet.core.blocks import BaseStreamBlock
from intranet.core.models import SectionPage
from intranet.core.topics import topic_label

INDEX_PAGE_SIZE = 20
# The app's own views (urls.py) are mounted under the section's default slug, so an
# update with one of these slugs would never be reached there.
RESERVED_SLUGS = {"feed", "report", "my-feed"}


class LegalTopic(TagBase):
    """The topics of legal updates: the shared vocabulary of intranet.core.topics.

    A tag model of its own so the vocabulary is closed: the rows are made by a data
    migration, and ``free_tagging = False`` makes Wagtail's tag field offer and accept
    only those (unknown words typed in the admin are dropped, never created).
    """

    free_tagging = False

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @property
    def label(self) -> str:
        return topic_label(self.slug)


class TaggedLegalUpdate(ItemBase):
    tag = models.ForeignKey(LegalTopic, on_delete=models.CASCADE, related_name="tagged_updates")
    content_object = ParentalKey(
        "legal.LegalUpdatePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class LegalUpdateIndexPage(SectionPage):
    """The legal updates section: newest first, filtered, searchable, paginated."""

    nav_icon = "scale"

    subpage_types = ["legal.LegalUpdatePage"]

    class Meta:
        verbose_name = _("legal updates index")

    def get_context(self, request, *args, **kwargs):
        from .forms import LegalUpdateFilterForm
        from .services import index_listing

        context = Page.get_context(self, request, *args, **kwargs)
        form = LegalUpdateFilterForm(request.GET or None)
        context["filter_form"] = form
        context["listing"] = index_listing(request, self, form)
        return context


class LegalUpdatePage(Page):
    """One change in the law (or in how services apply it), explained for the staff."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        PENDING = "pending", _("Pending (not yet in force)")
        SUPERSEDED = "superseded", _("Superseded")
        REPEALED = "repealed", _("Repealed")

    summary = models.TextField(
        _("plain-language summary"),
        help_text=_("What changed, in two or three sentences anyone can follow."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    action_required = models.TextField(
        _("action required of staff"),
        blank=True,
        help_text=_("What staff must now do differently when they help someone."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    applicable_until = models.DateField(_("applicable until"), null=True, blank=True)
    tags = ClusterTaggableManager(
        through=TaggedLegalUpdate,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Choose from the network's topics."),
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
        help_text=_("An earlier update this one replaces; it will show “superseded by” itself."),
    )
    must_acknowledge = models.BooleanField(
        _("must be read and acknowledged"),
        default=False,
        help_text=_("Every staff member must confirm they have read it."),
    )
    acknowledge_by = models.DateField(_("acknowledge by"), null=True, blank=True)
    requires_reacknowledgement = models.BooleanField(
        _("requires re-acknowledgement"),
        default=False,
        help_text=_(
            "Tick when publishing a material change: earlier acknowledgements stop counting "
            "and staff are notified again. Unticks itself once published."
        ),
    )
    # Page-wide state, not part of a revision: see with_content_json.
    ack_epoch = models.PositiveIntegerField(default=1, editable=False)
    ack_reset_at = models.DateTimeField(null=True, blank=True, editable=False)
    notified_epoch = models.PositiveIntegerField(null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("action_required"),
        InlinePanel("legal_references", label=_("Legal references"), heading=_("Legal references")),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("in_force_from"),
                FieldPanel("applicable_until"),
                FieldPanel("supersedes"),
                FieldPanel("tags"),
            ],
            heading=_("Status, dates and topics"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("must_acknowledge"),
                FieldPanel("acknowledge_by"),
                FieldPanel("requires_reacknowledgement"),
            ],
            heading=_("Reading and acknowledgement"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("action_required"),
        index.FilterField("status"),
        index.RelatedFields("legal_references", [index.SearchField("number")]),
    ]

    parent_page_types = ["legal.LegalUpdateIndexPage"]
    subpage_types: list[str] = []
    template = "legal/legal_update_page.html"
    # A copy is a new update: its own acknowledgement rounds and its own announcement.
    exclude_fields_in_copy = ["ack_epoch", "ack_reset_at", "notified_epoch"]

    class Meta:
        verbose_name = _("legal update")
        verbose_name_plural = _("legal updates")
        indexes = [
            # The dashboard, reminders and the unread report start from the must-read
            # updates, soonest deadline first: a small index of those rows only.
            models.Index(
                fields=["acknowledge_by"],
                condition=models.Q(must_acknowledge=True),
                name="legal_must_read_by_deadline",
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by the legal updates section itself.")
        if self.must_acknowledge and not self.acknowledge_by:
            errors["acknowledge_by"] = _("Say by when staff must acknowledge this update.")
        if (
            self.in_force_from
            and self.applicable_until
            and self.applicable_until < self.in_force_from
        ):
            errors["applicable_until"] = _("This date is before the date it came into force.")
        if self.supersedes_id and self.pk and self.supersedes_id == self.pk:
            errors["supersedes"] = _("An update cannot supersede itself.")
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """Publishing or reverting to a revision keeps the acknowledgement round as it
        is on the page: it belongs to the page, not to a revision, and is moved on only
        by the publish handler (services.handle_publish)."""
        page = super().with_content_json(content)
        page.ack_epoch = self.ack_epoch
        page.ack_reset_at = self.ack_reset_at
        page.notified_epoch = self.notified_epoch
        return page

    @property
    def topics(self) -> list[LegalTopic]:
        return list(self.tags.all())

    def live_superseded_by(self) -> list["LegalUpdatePage"]:
        prefetched = getattr(self, "live_successors", None)
        if prefetched is None:  # asked once per object (the status badge asks three times)
            prefetched = list(self.superseded_by.live().order_by("-first_published_at"))
            self.live_successors = prefetched
        return prefetched

    def live_predecessor(self) -> "LegalUpdatePage | None":
        return self.supersedes if self.supersedes_id and self.supersedes.live else None

    @property
    def effective_status(self) -> str:
        """Superseded as soon as a published update says it supersedes this one."""
        if self.status != self.Status.REPEALED and self.live_superseded_by():
            return self.Status.SUPERSEDED
        return self.status

    def get_effective_status_display(self) -> str:
        return str(self.Status(self.effective_status).label)

    def get_context(self, request, *args, **kwargs):
        from .services import acknowledgement_for

        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the shared part of the page is not in the cache.
        context["references"] = self.legal_references.all()
        context["successors"] = self.live_superseded_by
        context["predecessor"] = self.live_predecessor
        context["acknowledgement"] = (
            acknowledgement_for(request.user, self) if self.must_acknowledge else None
        )
        return context


def live_successors_prefetch() -> Prefetch:
    return Prefetch(
        "superseded_by",
        queryset=LegalUpdatePage.objects.live().only("id", "title", "url_path", "supersedes_id"),
        to_attr="live_successors",
    )


class LegalReference(Orderable):
    """A legal instrument the update rests on. The link is kept as text, never fetched."""

    class Kind(models.TextChoices):
        LEI = "lei", "Lei"
        LEI_ORGANICA = "lei-organica", "Lei Orgânica"
        DECRETO_LEI = "decreto-lei", "Decreto-Lei"
        DECRETO_REGULAMENTAR = "decreto-regulamentar", "Decreto Regulamentar"
        PORTARIA = "portaria", "Portaria"
        DESPACHO = "despacho", "Despacho"
        RESOLUCAO = "resolucao-cm", "Resolução do Conselho de Ministros"
        REGULAMENTO_UE = "regulamento-ue", "Regulamento (UE)"
        DIRETIVA_UE = "diretiva-ue", "Diretiva (UE)"
        ACORDO = "acordo", _("International agreement")
        OUTRO = "outro", _("Other")

    page = ParentalKey(LegalUpdatePage, on_delete=models.CASCADE, related_name="legal_references")
    kind = models.CharField(_("kind of instrument"), max_length=30, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=60, help_text=_("For example 23/2007."))
    date = models.DateField(_("date"), null=True, blank=True)
    article = models.CharField(_("article"), max_length=120, blank=True)
    url = models.URLField(
        _("link to the official text"),
        max_length=500,
        blank=True,
        help_text=_(
            "Preferably the ELI link of the Diário da República (https://data.dre.pt/eli/…)."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("number"),
        FieldPanel("date"),
        FieldPanel("article"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("legal reference")
        verbose_name_plural = _("legal references")

    def __str__(self):
        text = f"{self.get_kind_display()} n.º {self.number}"
        if self.article:
            text += f", {self.article}"
        return text


class Acknowledgement(models.Model):
    """A staff member confirming they have read an update ("tomei conhecimento").

    One per person, page and acknowledgement round (``epoch``): when a coordinator
    publishes a material change asking for re-acknowledgement, the page's round moves on
    and earlier acknowledgements stop counting (they are kept as history).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="legal_acknowledgements",
        verbose_name=_("user"),
    )
    page = models.ForeignKey(
        LegalUpdatePage,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("legal update"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision read"),
    )
    epoch = models.PositiveIntegerField(_("round"), default=1)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "epoch"], name="legal_one_acknowledgement_per_round"
            )
        ]
        # The report counts who read each update this round (the unique constraint
        # starts with the user, for "what have I read").
        indexes = [models.Index(fields=["page", "epoch", "user"], name="legal_ack_page_round")]

    def __str__(self):
        return f"{self.user} · {self.page_id} · {self.epoch}"


# The purpose of a person's feed token (intranet.core.tokens).
FEED_PURPOSE = "legal-feed"
