"""Forms of the customer-property pages; each feeds a verb in ``actions``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from csc.core.permissions import restrict
from csc.customers.models import Customer

from .choices import (
    SIGNED_FOR_BY_MARKETING,
    AnomalyKind,
    AnomalyOutcome,
    CheckResult,
    Disposition,
    IqcResult,
    NoticeVia,
    SortRejects,
)
from .models import QUANTITY, PropertyItem


def quantity(label, required=True):
    return forms.DecimalField(label=label, required=required, min_value=0, **QUANTITY)


class CustomerField(forms.ModelChoiceField):
    """The owner, typed as the customer's number or exact name (no drop-down of thousands)."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Customer.objects.all())
        kwargs.setdefault("label", _("Customer (no. or name)"))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Customer):
            return value.code
        if isinstance(value, int):
            customer = Customer.objects.filter(pk=value).only("code").first()
            return customer.code if customer else value
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        found = self.queryset.filter(code__iexact=value).first()
        found = found or self.queryset.filter(name=value).first()
        if found is None and value.isdigit():
            found = self.queryset.filter(pk=int(value)).first()
        if found is None:
            raise forms.ValidationError(_("No customer with this number or name."))
        return found


class ItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PropertyItem
        fields = [
            "kind", "name", "part_no", "serial_no", "unit", "location", "storage_temperature",
            "storage_humidity", "protection", "check_interval_days", "needs_iqc", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class NewItemForm(ItemForm):
    customer = CustomerField()

    class Meta(ItemForm.Meta):
        fields = ["customer", *ItemForm.Meta.fields]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["customer"].queryset = restrict(Customer.objects.all(), user)


class SignForForm(forms.Form):
    """Marketing signs for a sample, label or drawing sent to it directly (S0 5.2.5)."""

    customer = CustomerField()
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in SIGNED_FOR_BY_MARKETING],
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    part_no = forms.CharField(label=_("Customer's part no."), max_length=60, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="pcs")
    quantity = quantity(_("Quantity"))
    delivery_note_no = forms.CharField(
        label=_("Delivery note / waybill no."), max_length=60, required=False
    )
    location = forms.CharField(label=_("Kept at"), max_length=80, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReceiveForm(forms.Form):
    delivery_note_no = forms.CharField(label=_("Delivery note no."), max_length=60)
    lot_no = forms.CharField(label=_("Lot no."), max_length=60, required=False)
    quantity_declared = quantity(_("Quantity on delivery note"))
    quantity_received = quantity(_("Quantity received"))
    appearance_ok = forms.BooleanField(label=_("Appearance OK"), required=False, initial=True)
    identification_ok = forms.BooleanField(
        label=_("Identification OK"), required=False, initial=True
    )
    received_on = forms.DateField(
        label=_("Received on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Receipt note"), required=False)


class InspectForm(forms.Form):
    result = forms.ChoiceField(label=_("IQC result"), choices=IqcResult.choices)
    sample_size = forms.IntegerField(label=_("Sample size"), min_value=0, required=False)
    defects = forms.IntegerField(label=_("Defects found"), min_value=0, required=False)
    report = forms.CharField(
        label=_("Findings (IQC report)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoticeForm(forms.Form):
    via = forms.ChoiceField(label=_("Notify by"), choices=NoticeVia.choices)
    to = forms.CharField(
        label=_("E-mail address, or person and phone no."), max_length=200, required=False
    )
    text = forms.CharField(label=_("Notice"), widget=forms.Textarea(attrs={"rows": 10}))


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Disposition agreed"), choices=Disposition.choices)
    agreed_with = forms.CharField(label=_("Agreed with (customer)"), max_length=120)
    note = forms.CharField(label=_("Note"), required=False)


class SortForm(forms.Form):
    good_quantity = quantity(_("Good after sorting"))
    rejects = forms.ChoiceField(label=_("Sorted-out parts"), choices=SortRejects.choices)
    note = forms.CharField(label=_("Note"), required=False)


class MoveForm(forms.Form):
    """Issue to production (lot optional: oldest first), or return / scrap from one lot."""

    lot = forms.ModelChoiceField(label=_("Lot"), queryset=None, required=False)
    quantity = quantity(_("Quantity"))
    reference = forms.CharField(label=_("Work order / reference"), max_length=80, required=False)
    note = forms.CharField(label=_("Reason / note"), required=False)

    def __init__(self, *args, item=None, lots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots if lots is not None else item.lots.all()
        self.fields["lot"].empty_label = _("Oldest accepted lots first")


class AnomalyForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is wrong"), choices=AnomalyKind.choices)
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=None, required=False)
    quantity = quantity(_("Quantity affected"), required=False)
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = item.lots.all()
        self.fields["lot"].empty_label = _("Not about one lot")


class CloseAnomalyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Disposition agreed"), choices=AnomalyOutcome.choices)
    quantity = quantity(_("Quantity returned or written off"), required=False)
    note = forms.CharField(
        label=_("What was agreed with the customer"), widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CheckForm(forms.Form):
    result = forms.ChoiceField(label=_("Condition"), choices=CheckResult.choices)
    temperature = forms.CharField(label=_("Temperature found"), max_length=40, required=False)
    humidity = forms.CharField(label=_("Humidity found"), max_length=40, required=False)
    note = forms.CharField(label=_("Condition found"), required=False)


class StocktakeForm(forms.Form):
    counted_on = forms.DateField(
        label=_("Count date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    customer = CustomerField(required=False, label=_("Customer (no. or name; empty: all)"))
    location = forms.CharField(
        label=_("Storage location (empty: all)"), max_length=80, required=False
    )
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["customer"].queryset = restrict(Customer.objects.all(), user)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class BalanceAtForm(forms.Form):
    at = forms.DateField(
        label=_("Balance at end of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
