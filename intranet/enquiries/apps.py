from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "intranet.enquiries"
    label = "enquiries"
    verbose_name = _("Enquiries and service gaps")
    default_auto_field = "django.db.models.BigAutoField"
