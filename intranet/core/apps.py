from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "intranet.core"
    label = "core"
    verbose_name = _("Intranet core")

    def ready(self):
        from . import (
            collation,  # noqa: F401 (registers the Portuguese collation on SQLite)
            partner_scope,  # noqa: F401 (its receivers clear the cached addresses)
        )
        from .files import connect_signals
        from .notifications import take_over_workflow_emails

        take_over_workflow_emails()
        connect_signals()
