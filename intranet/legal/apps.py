from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "intranet.legal"
    label = "legal"
    verbose_name = _("Legal updates")

    def ready(self):
        from . import signals  # noqa: F401
