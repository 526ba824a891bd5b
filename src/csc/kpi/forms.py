from django import forms
from django.utils.translation import gettext_lazy as _

from csc.core.forms import NoteForm  # noqa: F401  (the areas share one note box)

from .models import ManagementReview


class MonthField(forms.DateField):
    """A month typed as 2026-03 (or any day of it); cleaned to its first day."""

    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class TargetForm(forms.Form):
    valid_from = forms.DateField(label=_("Valid from (first day of the period)"))
    value = forms.CharField(label=_("Target"), max_length=20)
    note = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ValueForm(forms.Form):
    period_start = forms.DateField(label=_("Period (first day)"))
    value = forms.CharField(label=_("Value"), max_length=20)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MonthForm(forms.Form):
    month = MonthField(label=_("Month"), widget=forms.TextInput(attrs={"placeholder": "2026-03"}))


class DashboardForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Months"), choices=[(12, "12"), (24, "24")], coerce=int, required=False
    )
    live = forms.BooleanField(label=_("Recompute from the records"), required=False)


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ManagementReview
        fields = ["title", "period_start", "period_end"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


class SectionsForm(forms.Form):
    """The Management Representative's text sections. A plain form (not bound to the review)
    so the verb compares what was typed with what is stored."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ManagementReview.TEXT_FIELDS:
            self.fields[name] = forms.CharField(
                label=ManagementReview._meta.get_field(name).verbose_name,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class EvidenceForm(forms.Form):
    """The period of an audit evidence pack: its first and last day."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        if start and end and (end - start).days > 366 * 3:
            self.add_error("end", _("A pack covers at most three years."))
        return data
