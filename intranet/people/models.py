from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intranet.core.models import SectionPage


class PeopleIndexPage(SectionPage):
    """The people finder, at /people/. Profiles are models, not pages."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("people finder")


class Profile(models.Model):
    """A staff profile; one per user, created automatically (see signals)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    office = models.ForeignKey(
        "network.SupportOfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("office"),
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()
