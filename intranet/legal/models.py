from django.utils.translation import gettext_lazy as _

from intranet.core.models import SectionPage


class LegalUpdateIndexPage(SectionPage):
    """Legal updates, at /legal-updates/."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal updates index")
