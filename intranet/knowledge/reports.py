"""The coordinators' review report, made with the core's reporting pieces."""

from collections.abc import Iterable
from datetime import date

from django.urls import reverse
from django.utils import formats
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from intranet.core.reports import Link, Table, columns

from .models import KnowledgeArticlePage


def _owner(article: KnowledgeArticlePage):
    owner = article.owner
    if owner is None:
        return _("No owner: choose one")
    name = owner.get_full_name() or owner.get_username()
    if not article.owner_works_here:
        return _("%(name)s has left: choose a new owner") % {"name": name}
    return Link(name, f"mailto:{owner.email}") if owner.email else name


def _overdue_by(article: KnowledgeArticlePage, today: date) -> str:
    return timesince(article.review_by, today) if article.review_by < today else "—"


def review_table(articles: Iterable[KnowledgeArticlePage], today: date, request=None) -> Table:
    """One row per article from ``services.articles_to_review``."""
    return Table(
        caption=_("Articles needing attention"),
        columns=columns(
            _("Article"), _("Owner"), _("Review by"), _("Overdue by"), _("Last updated"), _("Edit")
        ),
        rows=[
            [
                Link(article.title, article.get_url(request)),
                _owner(article),
                formats.date_format(article.review_by, "SHORT_DATE_FORMAT"),
                _overdue_by(article, today),
                formats.date_format(article.last_published_at, "SHORT_DATE_FORMAT")
                if article.last_published_at
                else "—",
                Link(_("Edit"), reverse("wagtailadmin_pages:edit", args=[article.pk])),
            ]
            for article in articles
        ],
        testid="review-report",
        empty_text=_("Every article is within its review date and has an owner who works here."),
    )
