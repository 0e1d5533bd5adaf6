import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    """The dashboard: each app contributes panels through the register_dashboard_panel hook."""

    # The section's icon in the main navigation (static/img/icons.svg), set by each section.
    nav_icon = "file-text"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("The dashboard's name in the English interface; the title if empty."),
    )

    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: each section declares ``parent_page_types = ["core.HomePage"]``
    # (SectionPage does), so a feature adds its section without the core naming it.
    # Every page model must declare its parent_page_types (tests/core/test_page_tree.py).
    max_count = 1
    template = "core/home_page.html"

    class Meta:
        verbose_name = _("home page (dashboard)")

    def route(self, request, path_components):
        """Find the page at ``path_components`` below the dashboard: from the cache, or in
        two queries.

        Wagtail's own routing asks the database twice per level (the child by slug, then
        its specific page). Here the pages along the path are found together by
        ``url_path`` and only the last one (or one whose class routes by itself) is made
        specific; the page found is kept in the cache until any page changes
        (intranet.core.caching). The result is the same: 404 for a missing level, the
        page's own ``route`` (which refuses a page that is not live) at the end.
        """
        if not path_components:
            return super().route(request, path_components)
        from .caching import remember

        path = "/".join(path_components).encode()
        key = f"route:{hashlib.sha256(path).hexdigest()}"
        found = remember(key, lambda: self._find_below(path_components), request=request)
        if found is None:
            raise Http404
        page, remaining = found
        return page.route(request, remaining)

    def _find_below(self, path_components):
        """(the specific page that routes the rest, the components left), or None."""
        prefixes = [
            self.url_path + "".join(f"{part}/" for part in path_components[: i + 1])
            for i in range(len(path_components))
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
        }
        for depth, prefix in enumerate(prefixes):
            page = found.get(prefix)
            if page is None or page.depth != self.depth + depth + 1:
                return None
            page_class = page.specific_class
            if page_class is None:
                return None
            if depth == len(prefixes) - 1 or page_class.route is not Page.route:
                return page.specific, path_components[depth + 1 :]
        return None

    def get_context(self, request, *args, **kwargs):
        from .dashboard import rendered_panels

        context = super().get_context(request, *args, **kwargs)
        context["panels_html"] = rendered_panels(request)
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
    """Base for the fixed top-level sections of the dashboard (one of each).

    Section names are interface words (navigation, dashboard, headings), so each has an
    English title beside its Portuguese one (``title_en``), shown when English is active
    (``localised_title``). The pages below them are content, written in one language.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("The section's name in the English interface; the title if empty."),
    )

    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_en", boost=2),
        index.SearchField("intro"),
    ]

    parent_page_types = ["core.HomePage"]
    max_count = 1
    # Partners (people in partner organisations) see only sections that say True here.
    open_to_partners = False

    class Meta:
        abstract = True

    def clean(self):
        """Editors may rename a section, but not onto an address the intranet's own views
        answer (a section at /accounts/ or /people/ would never be shown)."""
        from .sections import taken_slugs

        super().clean()
        if self.slug in taken_slugs(self._meta.app_label):
            raise ValidationError(
                {
                    "slug": _(
                        "“%(slug)s” is the address of another part of the intranet; "
                        "choose another slug."
                    )
                    % {"slug": self.slug}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = (
            self.get_children().live().specific().only("id", "title", "url_path")[:100]
        )
        return context


def new_token_value() -> str:
    return secrets.token_urlsafe(24)


class PersonalToken(models.Model):
    """A personal secret in a URL, for programs that keep no session: feed readers and
    calendar apps. One live token per person and purpose; rotating revokes the old one.

    Made only by a POST (``intranet.core.tokens.issue_token``); checked by
    ``intranet.core.tokens.token_or_session``. The secret is kept as is, because the
    person's page shows their address again whenever they need it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_tokens",
        verbose_name=_("user"),
    )
    purpose = models.CharField(_("purpose"), max_length=40)
    token = models.CharField(max_length=64, unique=True, default=new_token_value)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal token")
        verbose_name_plural = _("personal tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=models.Q(revoked_at__isnull=True),
                name="core_one_live_token_per_purpose",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.purpose}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class Notification(models.Model):
    """One notification e-mail to one person: the single dedup record of the intranet.

    ``(recipient, kind, key)`` is unique, so whatever runs twice (a cron job, a publish,
    two workers) sends once. ``key`` says what the e-mail is about: a page and its round,
    a booking, a day for daily reminders.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("about"), max_length=200)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="core_one_notification_per_key"
            )
        ]
        indexes = [models.Index(fields=["kind", "key"], name="core_notification_kind_key")]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.key})"


class NotificationOptOut(models.Model):
    """A person's choice not to receive one kind of optional notification."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=60)

    class Meta:
        verbose_name = _("notification opt-out")
        verbose_name_plural = _("notification opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="core_one_opt_out_per_kind")
        ]

    def __str__(self):
        return f"{self.user} ✕ {self.kind}"


def localised_title(page) -> str:
    """The page's title in the active language: a section's ``title_en`` (or the value
    annotated by ``with_english_titles``) when English is active and it has one."""
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en"):
        english = getattr(page, "title_en", "")
        if english:
            return english
    return page.title


def with_english_titles(pages):
    """A queryset of plain ``Page`` objects annotated with ``title_en`` (one query, whatever
    the section types): the navigation lists sections without fetching each one."""
    from django.db.models import CharField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from wagtail.models import get_page_models

    subqueries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("title_en")[:1])
        for model in get_page_models()
        if issubclass(model, SectionPage) and not model._meta.abstract
    ]
    return pages.annotate(
        title_en=Coalesce(*subqueries, Value(""), output_field=CharField())
        if subqueries
        else Value("", output_field=CharField())
    )
