from django import forms
from django.utils.translation import gettext_lazy as _

from csc.core.xlsx import IMPORT_MODE_HELP

from .choices import ABCClass, CreditLevel
from .models import Contact, Customer, CustomerAdmission

CUSTOMER_FORM_FIELDS = [
    "name", "short_name", "address", "postal_code", "phone", "email", "bank_name",
    "bank_account", "industry", "region", "language", "salesperson", "notes",
]  # fmt: skip


class CustomerForm(forms.ModelForm):
    """Master data of a customer; ``version`` carries the copy the user is editing."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Customer
        fields = CUSTOMER_FORM_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, may_see_account=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators = []  # uniqueness is the action's to check, once
        if not may_see_account:
            del self.fields["bank_account"]
        elif self.instance.pk:
            self.initial["bank_account"] = self.instance.bank_account

    def validate_unique(self):
        """Uniqueness is checked by the action, inside its transaction."""


class AdmissionForm(forms.ModelForm):
    class Meta:
        model = CustomerAdmission
        fields = [
            "requested_level",
            "requested_days",
            "business_scope",
            "scale",
            "expected_volume",
            "investigation",
        ]
        widgets = {
            "business_scope": forms.Textarea(attrs={"rows": 2}),
            "investigation": forms.Textarea(attrs={"rows": 4}),
        }


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "phone", "email", "is_primary"]

    def __init__(self, *args, may_see_details=True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not may_see_details:
            # The form would print them: users who may not see them edit the rest only.
            del self.fields["phone"]
            del self.fields["email"]


class ClassChangeForm(forms.Form):
    new_class = forms.ChoiceField(label=_("New class"), choices=ABCClass.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class CreditChangeForm(forms.Form):
    new_level = forms.ChoiceField(label=_("Requested level"), choices=CreditLevel.choices)
    new_days = forms.IntegerField(
        label=_("Requested period (days)"), min_value=0, max_value=3650, required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel workbook (.xlsx)"))
    good_rows_only = forms.BooleanField(
        label=_("Import the good rows and skip the bad ones"),
        required=False,
        help_text=IMPORT_MODE_HELP,
    )
