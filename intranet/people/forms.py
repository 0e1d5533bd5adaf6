from django import forms
from django.conf import settings
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from PIL import Image as PILImage
from taggit.forms import TagWidget

from network.models import SupportOfficePage
from network.office_filter import OfficeChoiceField

from .models import Profile, ProfileLanguage
from .services import PHONE_HELP, normalise_phone

# The same limits as every other image upload (settings, intranet.core.files): a small file
# can hold a huge image (a plain PNG compresses to almost nothing).
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class ExpertiseWidget(TagWidget):
    """The areas of expertise as people write them: "reagrupamento familiar, AIMA", never
    taggit's quoting ("\"reagrupamento familiar\", AIMA"). A comma separates areas, so a
    name is quoted only if it holds a comma itself. chips.js shows them as chips."""

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            names = [getattr(item, "tag", item).name for item in value]
            return ", ".join(f'"{name}"' if "," in name else name for name in names)
        return value


class ProfileForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. A head-and-shoulders photo works best."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my current photo"), required=False)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "pronouns",
            "job_title",
            "role",
            "office",
            "phone",
            "email",
            "start_date",
            "expertise",
            "bio",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "bio": forms.Textarea(attrs={"rows": 5, "maxlength": 1000}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "expertise": ExpertiseWidget(
                attrs={"data-chips": "", "data-remove-label": _("Remove “%(name)s”")}
            ),
        }

    def __init__(self, *args, editor_is_coordinator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].empty_label = _("(no office)")
        self.fields["office"] = OfficeChoiceField.replacing(
            self.fields["office"], SupportOfficePage.objects.live().order_by("title")
        )
        self.fields["phone"].help_text = PHONE_HELP
        self.fields["bio"].help_text = _("Plain text, up to 1000 characters.")
        if not editor_is_coordinator:
            # Roles are the coordinators' call; the server ignores the field for others.
            del self.fields["role"]
        if not self.instance.photo_id:
            del self.fields["remove_photo"]

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if not upload:
            return None
        if upload.size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("This photo is %(size)s; the limit is %(limit)s. Please choose a smaller one.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE),
                },
                code="too_large",
            )
        try:
            upload.seek(0)
            with PILImage.open(upload) as image:
                kind = image.format
                width, height = image.size
                image.verify()
        except Exception as error:
            raise forms.ValidationError(
                _("This file is not an image we can read. Use a JPEG, PNG or WebP photo."),
                code="not_an_image",
            ) from error
        if kind not in PHOTO_FORMATS:
            raise forms.ValidationError(
                _("Photos must be JPEG, PNG or WebP (this one is %(kind)s).") % {"kind": kind},
                code="wrong_type",
            )
        if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise forms.ValidationError(
                _(
                    "This photo is %(width)s × %(height)s pixels; please choose one of at most "
                    "40 megapixels (a smaller version of it will do)."
                )
                % {"width": width, "height": height},
                code="too_many_pixels",
            )
        upload.seek(0)
        return upload


class LanguageForm(forms.ModelForm):
    class Meta:
        model = ProfileLanguage
        fields = ["language", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A readable first choice instead of Django's "---------".
        for name, label in (("language", _("Choose a language")), ("level", _("Choose a level"))):
            choices = [c for c in self.fields[name].choices if c[0] != ""]
            self.fields[name].choices = [("", label), *choices]


class BaseLanguageFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        # A row saved meanwhile (another tab) is not in this form: say so, do not crash.
        shown = {form.instance.pk for form in self.initial_forms}
        elsewhere = set(
            self.instance.languages.exclude(pk__in=shown).values_list("language", flat=True)
        )
        for form in self.extra_forms:
            if form.has_changed() and form.cleaned_data.get("language") in elsewhere:
                form.add_error("language", _("This language is already on your profile."))


LanguageFormSet = inlineformset_factory(
    Profile,
    ProfileLanguage,
    form=LanguageForm,
    formset=BaseLanguageFormSet,
    # One empty row; chips.js adds more without saving (without JavaScript, saving adds one).
    extra=1,
    max_num=12,
    can_delete=True,
)


class FinderForm(forms.Form):
    q = forms.CharField(
        label=_("Name, job title, expertise or language"), required=False, max_length=100
    )
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    expertise = forms.ChoiceField(label=_("Expertise"), required=False)
    left = forms.BooleanField(label=_("Show people who have left"), required=False)

    def __init__(self, *args, expertise_choices, can_see_leavers: bool, **kwargs):
        from .models import LANGUAGE_CHOICES

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *LANGUAGE_CHOICES]
        self.fields["expertise"].choices = [("", _("All areas")), *expertise_choices]
        if not can_see_leavers:
            del self.fields["left"]
