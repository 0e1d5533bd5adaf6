import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase

from intranet.core.models import SectionPage
from intranet.people.services import colleagues

from .blocks import ArticleStreamBlock

REVIEW_INTERVAL_DAYS = 180
ARTICLES_PER_PAGE = 20


def default_review_by() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


class KnowledgeBaseIndexPage(SectionPage):
    """The staff-written knowledge base: its sections, each a folder of articles."""

    nav_icon = "book"

    subpage_types = ["knowledge.KnowledgeSectionPage"]

    class Meta:
        verbose_name = _("knowledge base")

    LANDING_LIST_SIZE = 6
    SEARCH_RESULTS = 20

    def get_context(self, request, *args, **kwargs):
        from intranet.core.caching import remember
        from intranet.core.roles import groups_key
        from intranet.core.search import plain_words
        from intranet.core.visibility import exclude_hidden

        context = super().get_context(request, *args, **kwargs)
        articles = exclude_hidden(
            KnowledgeArticlePage.objects.descendant_of(self).live(), request.user
        ).only("id", "title", "url_path", "summary", "last_published_at")
        size = self.LANDING_LIST_SIZE

        def landing():
            sections = list(
                KnowledgeSectionPage.objects.child_of(self).live().order_by("path")[:100]
            )
            recent = list(articles.order_by("-last_published_at", "title")[:size])
            followers = (
                PageFollow.objects.filter(page__in=articles.values("pk"))
                .values("page_id")
                .annotate(n=Count("pk"))
                .order_by("-n", "page_id")[:size]
            )
            counts = {row["page_id"]: row["n"] for row in followers}
            most_followed = list(articles.filter(pk__in=list(counts)))
            for article in most_followed:
                article.followers = counts[article.pk]
            most_followed.sort(key=lambda a: (-a.followers, a.title))
            return {"sections": sections, "recent": recent, "most_followed": most_followed}

        # The same for everyone whose role sees the same pages: worked out once per content
        # generation (following a page or publishing one shows on the next request).
        role = groups_key(request.user) if request.user.is_authenticated else "anonymous"
        context.update(remember(f"knowledge-landing:{self.pk}:{role}", landing, request=request))
        query = request.GET.get("q", "").strip()[:200]
        context["kb_query"] = query
        if words := plain_words(query):
            context["kb_results"] = list(articles.search(words)[: self.SEARCH_RESULTS])
        return context


class KnowledgeSectionPage(Page):
    """A folder of articles, listed Plone-style: summary, owner, last update."""

    summary = models.CharField(_("summary"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["knowledge.KnowledgeBaseIndexPage"]
    subpage_types = ["knowledge.KnowledgeArticlePage"]

    class Meta:
        verbose_name = _("knowledge base section")
        verbose_name_plural = _("knowledge base sections")

    SORTS = {
        "title": ("title",),
        "-title": ("-title",),
        "date": ("last_published_at", "title"),
        "-date": ("-last_published_at", "title"),
    }

    def articles(self, sort: str = "title", tag: str = ""):
        articles = (
            KnowledgeArticlePage.objects.child_of(self)
            .live()
            .select_related("owner")
            .prefetch_related("tagged_items__tag")
            .order_by(*self.SORTS.get(sort, self.SORTS["title"]))
        )
        if tag:
            articles = articles.filter(tags__slug=tag)
        return articles

    def tags_in_use(self):
        return (
            Tag.objects.filter(
                knowledge_knowledgearticletag_items__content_object__in=(
                    KnowledgeArticlePage.objects.child_of(self).live()
                )
            )
            .distinct()
            .order_by("name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sort = request.GET.get("sort", "title")
        if sort not in self.SORTS:
            sort = "title"
        tag = request.GET.get("tag", "")
        paginator = Paginator(self.articles(sort, tag), ARTICLES_PER_PAGE)
        context.update(
            {
                "page_obj": paginator.get_page(request.GET.get("page")),
                "sort": sort,
                "current_tag": tag,
                "tags": self.tags_in_use(),
                "sort_choices": [
                    ("title", _("Title (A–Z)")),
                    ("-title", _("Title (Z–A)")),
                    ("-date", _("Last updated (newest first)")),
                    ("date", _("Last updated (oldest first)")),
                ],
            }
        )
        return context


class KnowledgeArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.KnowledgeArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # taggit's natural keys need these; without them `dumpdata --natural-primary` writes
    # a file that `loaddata` cannot read back.
    natural_key_fields = ["content_object_id", "tag_id"]


def _owner_label(user: User) -> str:
    name = user.get_full_name() or user.get_username()
    office = getattr(user, "office_title", None)
    return f"{name} ({office})" if office else name


class KnowledgeArticleForm(WagtailAdminPageForm):
    """The owner is chosen among the people who work in the network today, by name; a new
    article belongs to its author. An article whose owner has left must get a new one."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("owner")
        if field is None:
            return
        field.queryset = colleagues().order_by("first_name", "last_name", "username")
        field.label_from_instance = _owner_label
        field.required = True
        owner_id = self.instance.owner_id
        if not self.instance.pk:
            if for_user is not None and field.queryset.filter(pk=for_user.pk).exists():
                field.initial = for_user.pk
        elif owner_id and not field.queryset.filter(pk=owner_id).exists():
            former = User.objects.get(pk=owner_id)
            field.help_text = _(
                "The owner, %(name)s, no longer works in the network: choose who looks "
                "after this article now."
            ) % {"name": former.get_full_name() or former.get_username()}


class KnowledgeArticlePage(Page):
    summary = models.CharField(
        _("summary"),
        max_length=255,
        help_text=_("One or two sentences shown in the section listing and in search results."),
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"), blank=True)
    review_by = models.DateField(
        _("review by"),
        default=default_review_by,
        help_text=_("The owner checks the article is still correct by this date."),
    )
    tags = ClusterTaggableManager(through=KnowledgeArticleTag, blank=True, verbose_name=_("tags"))

    base_form_class = KnowledgeArticleForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("owner"), FieldPanel("review_by"), FieldPanel("tags")],
            heading=_("Ownership and review"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.KnowledgeSectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("knowledge base article")
        verbose_name_plural = _("knowledge base articles")
        # The review report and the review reminders go by the review date.
        indexes = [models.Index(fields=["review_by"], name="knowledge_article_review_by")]

    @property
    def is_overdue(self) -> bool:
        return self.review_by < timezone.localdate()


class PageFollow(models.Model):
    """Someone who wants an email whenever a new version of a page is published."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="page_follows"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("page follow")
        verbose_name_plural = _("page follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="knowledge_unique_page_follow")
        ]

    def __str__(self):
        return f"{self.user} → {self.page}"
