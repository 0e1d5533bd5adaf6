import unicodedata

from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.search import index

from taggit.managers import TaggableManager

from intranet.core.models import SectionPage

# Languages the network's migrants and staff speak. Moldovan is Romanian: one entry.
LANGUAGE_CHOICES = [
    ("pt", pgettext_lazy("language spoken", "Portuguese")),
    ("en", pgettext_lazy("language spoken", "English")),
    ("ro", pgettext_lazy("language spoken", "Romanian (incl. Moldovan)")),
    ("uk", pgettext_lazy("language spoken", "Ukrainian")),
    ("ru", pgettext_lazy("language spoken", "Russian")),
    ("bg", pgettext_lazy("language spoken", "Bulgarian")),
    ("ne", pgettext_lazy("language spoken", "Nepali")),
    ("hi", pgettext_lazy("language spoken", "Hindi")),
    ("pa", pgettext_lazy("language spoken", "Punjabi")),
    ("bn", pgettext_lazy("language spoken", "Bengali")),
    ("ur", pgettext_lazy("language spoken", "Urdu")),
    ("ar", pgettext_lazy("language spoken", "Arabic")),
    ("fr", pgettext_lazy("language spoken", "French")),
    ("es", pgettext_lazy("language spoken", "Spanish")),
    ("kea", pgettext_lazy("language spoken", "Cape Verdean Creole")),
    ("zh", pgettext_lazy("language spoken", "Mandarin")),
    ("de", pgettext_lazy("language spoken", "German")),
    ("it", pgettext_lazy("language spoken", "Italian")),
    ("pl", pgettext_lazy("language spoken", "Polish")),
    ("th", pgettext_lazy("language spoken", "Thai")),
]
LANGUAGE_LABELS = dict(LANGUAGE_CHOICES)


def normalise(text: str) -> str:
    """Lower-case, accents removed, spaces squeezed: "  João  Simões" -> "joao simoes".

    Stored alongside the real text so that search is accent-insensitive on SQLite and
    PostgreSQL alike, without database extensions.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


class PeopleIndexPage(SectionPage):
    """The people finder's section. Profiles are models, not pages.

    The finder itself is a view (``people:finder``) at a fixed address, /people/; this
    page gives the section its place in the navigation and its editable introduction.
    While its slug is "people" the finder answers at its address; if an editor renames
    it, the page leads to the finder, so the menu link keeps working.
    """

    nav_icon = "people"

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("people finder")

    def serve(self, request, *args, **kwargs):
        return redirect("people:finder")


class Profile(index.Indexed, models.Model):
    """A staff profile; one per user, created automatically (see signals).

    In the site search by name, job title, expertise, languages (in every interface
    language: "ucraniano" and "Ukrainian"), office and bio; the normalised copies are
    what is indexed, so the search folds accents on any database.
    """

    class Role(models.TextChoices):
        STAFF = "staff", _("Support office staff member")
        MEDIATOR = "mediator", _("Intercultural mediator")
        COORDINATOR = "coordinator", _("Coordinator")
        ADMINISTRATIVE = "administrative", _("Administrative support")
        OTHER = "other", _("Other")

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
    display_name = models.CharField(
        _("display name"),
        max_length=120,
        blank=True,
        help_text=_("How colleagues see your name. Leave empty to use your account name."),
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    role = models.CharField(
        _("role in the network"), max_length=20, choices=Role.choices, default=Role.STAFF
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("Leave empty to use your account email."),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    expertise = TaggableManager(
        verbose_name=_("areas of expertise"),
        blank=True,
        help_text=_("Separate areas with commas, e.g. housing, AIMA, family reunification."),
    )
    is_active_member = models.BooleanField(_("works in the network"), default=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    contacts_purged_on = models.DateField(_("contact details removed on"), null=True, blank=True)
    # Normalised copies for accent-insensitive search (see normalise()).
    search_name = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    search_fields = [
        index.SearchField("search_name", boost=5),
        index.AutocompleteField("search_name"),
        index.SearchField("search_text"),
        index.SearchField("bio"),
        # staff_profiles() narrows the search to the people working in the network.
        index.FilterField("user"),
        index.FilterField("is_active_member"),
    ]

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["search_name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalise(self.name)
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name", "search_text"}
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return (self.display_name or self.user.get_full_name() or self.user.get_username()).strip()

    @property
    def contact_email(self) -> str:
        return self.email or self.user.email

    @property
    def initials(self) -> str:
        parts = self.name.split()
        if not parts:
            return "?"
        return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()

    def build_search_text(self) -> str:
        """Everything else the finder matches on: job title, expertise, languages (with
        their names in every interface language) and office."""
        parts = [self.job_title, self.user.get_username()]
        if self.pk:
            parts += [tag.name for tag in self.expertise.all()]
            codes = [language.language for language in self.languages.all()]
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    parts += [str(LANGUAGE_LABELS.get(c, c)) for c in codes]
        if self.office_id:
            parts.append(self.office.title)
        return normalise(" | ".join(p for p in parts if p))

    def refresh_search(self, commit: bool = True) -> None:
        self.search_name = normalise(self.name)
        self.search_text = self.build_search_text()
        if commit and self.pk:
            Profile.objects.filter(pk=self.pk).update(
                search_name=self.search_name, search_text=self.search_text
            )
            # Languages and expertise are saved after the profile row: index them now.
            index.insert_or_update_object(self)


class ProfileLanguage(models.Model):
    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        INTERMEDIATE = "intermediate", _("Intermediate")
        FLUENT = "fluent", _("Fluent")
        NATIVE = "native", _("Native")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="languages", verbose_name=_("profile")
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)

    class Meta:
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="people_one_level_per_language"
            )
        ]

    def __str__(self):
        return f"{self.get_language_display()} ({self.get_level_display()})"
