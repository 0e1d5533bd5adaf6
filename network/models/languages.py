from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.Model):
    """A language staff or a service can speak with people (for the directory filter)."""

    code = models.SlugField(
        _("code"), max_length=10, unique=True, help_text=_("ISO 639-1, e.g. uk")
    )
    name = models.CharField(_("name (Portuguese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name


def language_names(languages) -> str:
    """Each language's Portuguese and English names, for the search index: "ucraniano"
    and "Ukrainian" both find a service that speaks it."""
    return ", ".join(f"{language.name} ({language.name_en})" for language in languages)
