from django.utils.translation import gettext_lazy as _

from intranet.core.models import SectionPage


class KnowledgeBaseIndexPage(SectionPage):
    """The staff-written knowledge base, at /knowledge-base/."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("knowledge base")
