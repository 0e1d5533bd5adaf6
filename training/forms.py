from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Attendance, TopicRequest, TrainingModulePage, TrainingSession


class TopicRequestForm(forms.ModelForm):
    class Meta:
        model = TopicRequest
        fields = ["topic", "topic_area", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "topic": _("For example: the new rules for family reunification."),
            "reason": _("What situations at your office would it help with?"),
        }


class TriageForm(forms.ModelForm):
    class Meta:
        model = TopicRequest
        fields = ["status", "module", "session", "response"]
        widgets = {"response": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = TrainingModulePage.objects.order_by("sequence", "title")
        self.fields["session"].queryset = TrainingSession.objects.select_related("module").order_by(
            "-starts_at"
        )[:200]

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == TopicRequest.Status.DECLINED
            and not (data.get("response") or "").strip()
        ):
            self.add_error("response", _("Say why the request is declined."))
        if data.get("status") == TopicRequest.Status.PLANNED and not (
            data.get("module") or data.get("session")
        ):
            self.add_error("module", _("Link a planned request to a module or a session."))
        return data


class AttendanceLineForm(forms.Form):
    user_id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("", _("— not recorded —")), *Attendance.Status.choices],
        required=False,
    )
    hours = forms.DecimalField(
        label=_("Hours credited"),
        required=False,
        min_value=Decimal("0"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Empty: the session's length if present or late, 0 otherwise."),
    )

    def __init__(self, *args, duration: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.duration = duration
        self.fields["hours"].widget.attrs.update({"step": "0.25", "min": "0", "max": str(duration)})

    def clean(self):
        data = super().clean()
        hours, status = data.get("hours"), data.get("status")
        if hours is not None and hours > self.duration:
            self.add_error(
                "hours",
                _("Hours cannot exceed the session's length (%(hours)s h).")
                % {"hours": self.duration},
            )
        if hours and status not in Attendance.CREDITING:
            self.add_error("hours", _("Only people present or late can be credited hours."))
        return data


AttendanceFormSet = forms.formset_factory(AttendanceLineForm, extra=0)


class WalkInForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person (walk-in)"), queryset=None)
    status = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Status.choices)
    hours = forms.DecimalField(
        label=_("Hours credited"),
        required=False,
        min_value=Decimal("0"),
        max_digits=5,
        decimal_places=2,
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
