"""Forms of the enquiry log, the outreach visits and the service gaps.

The enquiry form is also the validation of the field-mode sync (``services.record_enquiry``
calls it with the data a phone sends), so every rule lives here once.
"""

from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.collation import sort_key
from intranet.core.params import IdModelChoiceField
from intranet.core.reports.periods import add_months, day_label
from intranet.core.topics import ENQUIRY_TOPICS, SUBTOPICS, TOPIC_OF_SUBTOPIC, topic_label
from network.models import ServiceProvider, SupportOfficePage
from network.office_filter import OfficeChoiceField

from .choices import GAP_TRANSITIONS, PROBLEM_OUTCOMES, Outcome, PlaceKind
from .models import Enquiry, OutreachVisit, ServiceGap, ServiceGapEvent
from .models.log import NOTE_LENGTH

NOTE_HELP = _(
    "Optional, short. No names, contacts, document numbers or addresses: the log is "
    "anonymous and refuses them."
)
MAX_EVIDENCE_MONTHS = 24


def provider_choices() -> list:
    """Services of the directory grouped by municipality, for a select (one query)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, name, municipality in ServiceProvider.objects.values_list("pk", "name", "municipality"):
        groups.setdefault(municipality, []).append((pk, name))
    return [
        (municipality, sorted(groups[municipality], key=lambda item: sort_key(item[1])))
        for municipality in sorted(groups, key=sort_key)
    ]


def subtopic_choices() -> list:
    return [("", "—")] + [
        (str(topic_label(topic)), [(slug, label) for slug, label in subtopics])
        for topic, subtopics in SUBTOPICS.items()
    ]


class SubtopicSelect(forms.Select):
    """Each question says its topic (``data-topic``), so the form's script can offer only
    the questions of the chosen topic."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["data-topic"] = TOPIC_OF_SUBTOPIC.get(str(value), "")
        return option


class DescribedErrorsMixin:
    """Ties the error message of a radio or checkbox group to each of its inputs
    (Django does it for single inputs only), so screen readers hear why."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and getattr(self.fields[name].widget, "use_fieldset", False):
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_error"


class EnquiryForm(DescribedErrorsMixin, forms.ModelForm):
    class Meta:
        model = Enquiry
        fields = [
            "date",
            "office",
            "channel",
            "topic",
            "subtopic",
            "provider",
            "outcome",
            "follow_up",
            "people",
            "age_band",
            "sex",
            "region",
            "time_in_portugal",
            "note",
        ]
        # data-summary: the fields that name an entry kept offline in the waiting list.
        widgets = {
            "date": forms.DateInput(attrs={"type": "date", "data-summary": ""}, format="%Y-%m-%d"),
            "channel": forms.RadioSelect,
            "topic": forms.RadioSelect(attrs={"data-answer-topic": "", "data-summary": ""}),
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_LENGTH}),
            "people": forms.NumberInput(attrs={"min": 1, "max": 30, "inputmode": "numeric"}),
        }
        help_texts = {
            "people": _("A family asking together is one enquiry: count its people here."),
            "note": NOTE_HELP,
            "provider": _("The public service or organisation the question was about."),
        }

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].empty_label = None
        self.fields["office"] = OfficeChoiceField.replacing(
            self.fields["office"],
            offices if offices is not None else self.fields["office"].queryset,
        )
        self.fields["subtopic"].choices = subtopic_choices()
        self.fields["subtopic"].widget = SubtopicSelect(
            attrs={"data-subtopic": ""}, choices=subtopic_choices()
        )
        provider = self.fields["provider"]
        provider.widget.choices = [("", _("None / not applicable")), *provider_choices()]
        for name in ["channel", "topic", "outcome"]:
            # A radio group has no empty choice: something must be picked.
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean(self):
        data = super().clean()
        topic, subtopic = data.get("topic"), data.get("subtopic")
        if topic and subtopic and TOPIC_OF_SUBTOPIC.get(subtopic) != topic:
            self.add_error(
                "subtopic",
                _("This question belongs to another topic: choose one under “%(topic)s”.")
                % {"topic": topic_label(topic)},
            )
        return data


class EnquiryCorrectionForm(EnquiryForm):
    """A coordinator's correction (or any change once the entry is locked): with a reason."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the entry's trail."),
    )

    class Meta(EnquiryForm.Meta):
        fields = [*EnquiryForm.Meta.fields, "reason"]

    def clean_reason(self):
        from .privacy import validate_anonymous_text

        reason = self.cleaned_data["reason"]
        validate_anonymous_text(reason)
        return reason


def municipality_choices() -> list[tuple[str, str]]:
    names = set(SupportOfficePage.objects.live().values_list("municipality", flat=True))
    names |= set(ServiceProvider.objects.values_list("municipality", flat=True).distinct())
    return [(name, name) for name in sorted(names, key=sort_key)]


class OutreachVisitForm(DescribedErrorsMixin, forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics raised"),
        choices=ENQUIRY_TOPICS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = OutreachVisit
        fields = ["date", "office", "municipality", "place_kind", "place", "people_reached"]
        fields += ["note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date", "data-summary": ""}, format="%Y-%m-%d"),
            "place_kind": forms.RadioSelect(attrs={"data-summary": ""}),
            "municipality": forms.Select(attrs={"data-summary": ""}),
            "people_reached": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "note": forms.Textarea(attrs={"rows": 2, "maxlength": 280}),
        }
        help_texts = {"note": NOTE_HELP, "people_reached": _("About how many people you met.")}

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].empty_label = None
        self.fields["office"] = OfficeChoiceField.replacing(
            self.fields["office"],
            offices if offices is not None else self.fields["office"].queryset,
        )
        self.fields["municipality"].widget.choices = municipality_choices()
        self.fields["place_kind"].choices = PlaceKind.choices
        if self.instance.pk and not self.is_bound:
            self.initial["topics"] = list(self.instance.topics.values_list("topic", flat=True))

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean_municipality(self):
        municipality = self.cleaned_data["municipality"]
        if municipality not in dict(municipality_choices()):
            raise forms.ValidationError(_("Choose a municipality from the list."))
        return municipality


class ServiceGapForm(DescribedErrorsMixin, forms.ModelForm):
    outcomes = forms.MultipleChoiceField(
        label=_("Outcomes counted as evidence"),
        choices=[(o.value, o.label) for o in PROBLEM_OUTCOMES],
        widget=forms.CheckboxSelectMultiple,
        initial=[Outcome.UNAVAILABLE, Outcome.LONG_WAIT, Outcome.REFUSED],
        help_text=_("Enquiries with this service and one of these outcomes are the evidence."),
    )

    class Meta:
        model = ServiceGap
        fields = ["provider", "title", "description", "period_start", "period_end"]
        fields += ["outcomes", "topic"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"topic": _("Optional: count only enquiries on this topic.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].widget.choices = [("", "—"), *provider_choices()]
        self.fields["topic"].choices = [("", _("Any topic")), *ENQUIRY_TOPICS]
        if self.instance.pk is None:
            # The last six months, this one included: the evidence most letters need.
            today = timezone.localdate()
            self.initial.setdefault("period_start", add_months(today, -5))
            self.initial.setdefault("period_end", today)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            if end < start:
                self.add_error("period_end", _("The end of the period is before its start."))
            elif (end.year - start.year) * 12 + end.month - start.month >= MAX_EVIDENCE_MONTHS:
                self.add_error(
                    "period_end",
                    _("Choose a period of at most %(months)s months.")
                    % {"months": MAX_EVIDENCE_MONTHS},
                )
        return data


class GapStatusForm(DescribedErrorsMixin, forms.ModelForm):
    class Meta:
        model = ServiceGapEvent
        fields = ["status", "date", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "status": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"status": _("New status"), "date": _("Date of the change")}
        help_texts = {"note": _("What was sent or answered, and by whom at the service.")}

    def __init__(self, *args, gap: ServiceGap, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = GAP_TRANSITIONS[gap.status]
        self.fields["status"].choices = [(s.value, s.label) for s in allowed]
        if len(allowed) == 1:
            self.initial.setdefault("status", allowed[0].value)
        self.initial.setdefault("date", timezone.localdate())
        self.last_step = gap.events.aggregate(last=Max("date"))["last"]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if self.last_step and date < self.last_step:
            raise forms.ValidationError(
                _("The trail's last step is dated %(date)s: a new one cannot come before it.")
                % {"date": day_label(self.last_step)}
            )
        return date


MAX_INSIGHT_MONTHS = 24


class InsightFilterForm(forms.Form):
    """Period (whole months), office (coordinators) and topic of the insights page."""

    start = forms.DateField(
        label=_("From (month)"),
        input_formats=["%Y-%m"],
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("e.g. 2025-01"),
    )
    end = forms.DateField(
        label=_("To (month)"),
        input_formats=["%Y-%m"],
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("e.g. 2025-12"),
    )
    office = IdModelChoiceField(
        label=_("Office"),
        queryset=SupportOfficePage.objects.none(),
        required=False,
        empty_label=_("All offices"),
    )
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All topics")), *ENQUIRY_TOPICS], required=False
    )

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offices is None:
            del self.fields["office"]
        else:
            self.fields["office"].queryset = offices

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The last month is before the first."))
            elif (end.year - start.year) * 12 + end.month - start.month >= MAX_INSIGHT_MONTHS:
                self.add_error(
                    "end",
                    _("Choose at most %(months)s months.") % {"months": MAX_INSIGHT_MONTHS},
                )
        return data
