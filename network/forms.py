"""Admin forms that check opening hours across rows (overlaps), not just row by row."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

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


class DirectoryFilterForm(forms.Form):
    """The directory's filters; all in the query string so a URL can be shared."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    after_hours = forms.BooleanField(
        label=_("Open after hours (evenings, Saturdays)"), required=False
    )

    def __init__(self, *args, municipalities=(), categories=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["municipality"].choices = everything + [(m, m) for m in municipalities]
        self.fields["category"].choices = everything + list(categories)
        self.fields["language"].choices = everything + list(languages)


WEEKDAY_CODES = {
    "mon": Weekday.MONDAY,
    "tue": Weekday.TUESDAY,
    "wed": Weekday.WEDNESDAY,
    "thu": Weekday.THURSDAY,
    "fri": Weekday.FRIDAY,
    "sat": Weekday.SATURDAY,
    "sun": Weekday.SUNDAY,
}
