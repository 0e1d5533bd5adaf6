from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "intranet.core"
    label = "core"
    verbose_name = _("Intranet core")

    def ready(self):
        from . import (  # noqa: F401 (their receivers)
            auth_backends,  # the signed-in user's cached row forgotten when it changes
            caching,  # cached fragments and roles forgotten when content changes
            collation,  # registers the Portuguese collation on SQLite
            database,  # SQLite PRAGMAs once per connection
            partner_scope,  # cached section addresses cleared on publish, move...
        )
        from .files import connect_signals
        from .notifications import take_over_workflow_emails

        take_over_workflow_emails()
        connect_signals()
        caching.connect_signals()
        auth_backends.connect_signals()
