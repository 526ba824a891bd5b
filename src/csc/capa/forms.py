from django import forms
from django.utils.translation import gettext_lazy as _

from csc.core import bulk as core_bulk
from csc.core.models import User

from .models import Capa

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _staff():
    return User.objects.filter(is_active=True, customer_contact__isnull=True).order_by("username")


class CapaForm(forms.ModelForm):
    """What the responsible department edits: problem, root cause, action, owner, due date."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Capa
        fields = ["title", "description", "root_cause", "action_taken", "owner", "due_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "root_cause": forms.Textarea(attrs={"rows": 3}),
            "action_taken": forms.Textarea(attrs={"rows": 3}),
            "due_date": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff()


class NewCapaForm(forms.ModelForm):
    class Meta:
        model = Capa
        fields = ["source", "category", "title", "description", "customer", "owner", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "due_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff()
        self.fields["due_date"].required = False


class StepForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BulkForm(core_bulk.BulkForm):
    """What to do with the actions ticked in the list."""

    ACTIONS = [
        ("assign", _("Assign to owner")),
        ("remind", _("Remind the responsible")),
        ("export", _("Export the ticked to Excel")),
    ]

    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff()

    def clean(self):
        data = super().clean()
        if data.get("action") == "assign" and not data.get("owner"):
            self.add_error("owner", _("Choose the owner from the staff."))
        return data
