from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import (
    CHASE_CHANNELS,
    MANUAL_CHANNELS,
    Category,
    Channel,
    TemplateStatus,
    likert_labels,
)
from .models import SurveyPlan, SurveyTemplate


class AnswerForm(forms.Form):
    """The questionnaire: one field per item (a scale or points) with a comment box each."""

    def __init__(self, template, items, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.template, self.items = template, items
        for item in items:
            self.fields[f"item_{item.pk}"] = self._value_field(item)
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1, "placeholder": _("Comment (optional)")}),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Other comments and suggestions"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.fields["respondent"] = forms.CharField(
            label=_("Filled in by (name, title)"), required=False, max_length=120
        )

    def _value_field(self, item):
        if self.template.is_weighted:
            labels = likert_labels()
            choices = [
                (value, f"{labels[i] if i < len(labels) else ''} ({value})")
                for i, value in enumerate(self.template.levels)
            ]
            return forms.TypedChoiceField(
                label=item.label, choices=choices, coerce=int, widget=forms.RadioSelect
            )
        return forms.IntegerField(
            label=item.label,
            min_value=0,
            max_value=item.max_points,
            help_text=_("0–%(max)s points") % {"max": item.max_points},
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )

    def rows(self):
        """Return (item, value field, comment field) for the template to lay out."""
        return [(i, self[f"item_{i.pk}"], self[f"comment_{i.pk}"]) for i in self.items]

    def values(self):
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}

    def comments(self):
        return {item.pk: self.cleaned_data.get(f"comment_{item.pk}", "") for item in self.items}


class ManualAnswerForm(AnswerForm):
    """A paper, fax or e-mail answer keyed in by staff."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"] = forms.ChoiceField(
            label=_("Received by"),
            choices=[(c.value, c.label) for c in MANUAL_CHANNELS],
            initial=Channel.LETTER,
        )


class TemplateForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    levels_text = forms.CharField(
        label=_("Scale levels, best first"),
        required=False,
        help_text=_("Weighted questionnaires: e.g. 100,90,80,70,60,50,40"),
    )

    class Meta:
        model = SurveyTemplate
        fields = [
            "code", "kind", "name", "name_en", "form_number", "requirement",
            "complaint_points", "complaint_cap", "return_points", "return_cap",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"], self.fields["kind"]
            self.initial["levels_text"] = ",".join(str(v) for v in self.instance.levels)

    def clean_levels_text(self):
        text = self.cleaned_data["levels_text"].replace("，", ",").strip()
        if not text:
            return []
        try:
            return [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Write whole numbers separated by commas.")) from None

    def validate_unique(self):
        """The verb checks the code, inside its transaction."""

    def data_for_action(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "levels_text")}
        data["levels"] = self.cleaned_data["levels_text"]
        return data


class ItemForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40, required=False)
    text = forms.CharField(label=_("Question"), max_length=200)
    text_en = forms.CharField(label=_("Question in English"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    weight = forms.DecimalField(label=_("Weight"), max_digits=5, decimal_places=3, required=False)
    max_points = forms.IntegerField(label=_("Maximum points"), min_value=1, required=False)


ItemFormSet = forms.formset_factory(ItemForm, extra=2, can_delete=True)


class PlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SurveyPlan
        fields = [
            "name", "template", "frequency", "open_month", "response_days", "c_share", "owner",
            "send_automatically", "active",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = SurveyTemplate.objects.filter(
            status=TemplateStatus.PUBLISHED
        )
        self.fields["owner"].required = False


class RoundForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Questionnaire"),
        queryset=SurveyTemplate.objects.filter(status=TemplateStatus.PUBLISHED),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    period_start = forms.DateField(
        label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    response_days = forms.IntegerField(
        label=_("Response window (working days)"), min_value=1, max_value=120, required=False
    )
    c_share = forms.DecimalField(
        label=_("Share of C customers"),
        min_value=0,
        max_value=Decimal("0.99"),
        decimal_places=3,
        required=False,
    )


class StepForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ChaseForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[(c.value, c.label) for c in CHASE_CHANNELS]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
