from django.utils.translation import gettext_lazy as _

from intranet.core.models import SectionPage


class TrainingProgrammePage(SectionPage):
    """The staff training programme, at /training/."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("training programme")
