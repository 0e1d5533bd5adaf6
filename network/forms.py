"""Admin forms that check opening hours across rows (overlaps), not just row by row."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from intranet.core.collation import sort_key

from .models.hours import Weekday, overlap_errors


def _check_hours(form) -> bool:
    formset = form.formsets.get("opening_hours")
    if formset is None:
        return True
    rows = []
    live_forms = []
    for child in formset.forms:
        data = getattr(child, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        live_forms.append(child)
        rows.append(
            (len(live_forms) - 1, data.get("weekday"), data.get("opens"), data.get("closes"))
        )
    errors = overlap_errors(rows)
    for position, message in errors.items():
        live_forms[position].add_error("closes", message)
    return not errors


class OpeningHoursPageForm(WagtailAdminPageForm):
    def is_valid(self):
        valid = super().is_valid()
        return _check_hours(self) and valid


class OpeningHoursModelForm(WagtailAdminModelForm):
    def is_valid(self):
        valid = super().is_valid()
        return _check_hours(self) and valid


class ListedTextInput(forms.TextInput):
    """A text field suggesting known values through a ``<datalist>`` (the browser's own
    autocomplete, no script): lighter than a ``<select>`` of hundreds of options."""

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        list_id = f"{attrs.get('id') or name}-suggestions"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">', ((v,) for v in self.suggestions))
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class DirectoryFilterForm(forms.Form):
    """The directory's filters; all in the query string so a URL can be shared."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    # Typed (suggested from the ~300 municipalities a national network covers) and matched
    # on the server, accents and case aside; an unknown name is dropped like any bad filter.
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    after_hours = forms.BooleanField(
        label=_("Open after hours (evenings, Saturdays)"), required=False
    )

    def __init__(self, *args, municipalities=(), categories=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self._municipalities = {sort_key(m)[0]: m for m in municipalities}
        self.fields["municipality"].widget = ListedTextInput(
            suggestions=municipalities, attrs={"autocomplete": "off"}
        )
        self.fields["category"].choices = everything + list(categories)
        self.fields["language"].choices = everything + list(languages)

    def clean_municipality(self):
        typed = " ".join(self.cleaned_data["municipality"].split())
        if not typed:
            return ""
        known = self._municipalities.get(sort_key(typed)[0])
        if known is None:
            raise forms.ValidationError(_("No office or service in this municipality."))
        return known


WEEKDAY_CODES = {
    "mon": Weekday.MONDAY,
    "tue": Weekday.TUESDAY,
    "wed": Weekday.WEDNESDAY,
    "thu": Weekday.THURSDAY,
    "fri": Weekday.FRIDAY,
    "sat": Weekday.SATURDAY,
    "sun": Weekday.SUNDAY,
}
