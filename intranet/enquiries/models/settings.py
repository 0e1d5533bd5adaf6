from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="mail")
class NetworkContact(BaseGenericSetting):
    """Who signs the network's letters to services (the alert letter of a service gap)."""

    name = models.CharField(
        _("name"), max_length=200, default="Rede Sem Fronteiras — Associação Terras Dentro"
    )
    address = models.TextField(_("address"), default="Rua do Rossio, 12\n7090-201 Alcáçovas")
    phone = models.CharField(_("phone"), max_length=30, default="266 948 010")
    email = models.EmailField(_("email"), default="semfronteiras@terrasdentro.example")
    signatory = models.CharField(
        _("signed by"),
        max_length=200,
        blank=True,
        help_text=_("Name and role under the letter, e.g. “Marta Gonçalves, coordenadora”."),
    )

    class Meta:
        verbose_name = _("network contact")
