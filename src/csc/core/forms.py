from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CalendarDayKind


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class CalendarDayForm(forms.Form):
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDayKind.choices)
    name = forms.CharField(label=_("Name"), max_length=60, required=False)


class NoteForm(forms.Form):
    """The one note box of a decision step (every area's step buttons share it)."""

    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
