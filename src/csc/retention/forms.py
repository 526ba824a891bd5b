from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import TYPES


class HoldForm(forms.Form):
    record_type = forms.ChoiceField(
        label=_("Record type"), choices=[(t.key, t.label) for t in TYPES]
    )
    record_id = forms.IntegerField(label=_("Record id"), min_value=1)
    reason = forms.CharField(
        label=_("Reason for the hold"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReleaseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the release"))
