from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "intranet.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from .signals import connect_receivers

        connect_receivers()
