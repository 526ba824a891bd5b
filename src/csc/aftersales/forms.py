from django import forms
from django.utils.translation import gettext_lazy as _

from csc.customers.models import Customer
from csc.orders.models import Product, Shipment

from .choices import Decision, DefectKind, Exclusion
from .models import ServiceAgreement, WarrantyClaim

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClaimForm(forms.Form):
    """Registering a claim; the shipment may be left empty (the last delivery is taken).

    A plain form, not a model form: the verb gives bad mileage or dates their own messages.
    """

    customer = forms.ModelChoiceField(label=_("customer"), queryset=Customer.objects.all())
    product = forms.ModelChoiceField(label=_("product"), queryset=Product.objects.all())
    shipment = forms.ModelChoiceField(
        label=_("shipment"), queryset=Shipment.objects.all(), required=False
    )
    failed_on = forms.DateField(label=_("failed on"), widget=DATE)
    mileage_km = forms.IntegerField(label=_("mileage (km)"), required=False)
    quantity = forms.IntegerField(label=_("quantity"), initial=1)
    serial_no = forms.CharField(label=_("serial / lot no."), max_length=60, required=False)
    description = forms.CharField(
        label=_("failure description"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CostForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = WarrantyClaim
        fields = ["parts_cost", "labour_cost", "freight_cost"]


class AssessForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    defect_kind = forms.ChoiceField(label=_("Cause"), choices=DefectKind.choices)
    exclusion = forms.ChoiceField(label=_("Exclusion"), choices=Exclusion.choices, required=False)
    finding = forms.CharField(
        label=_("Assessment finding"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DecideForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    ntf_analysis = forms.CharField(
        label=_("NTF analysis"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class AgreementForm(forms.ModelForm):
    class Meta:
        model = ServiceAgreement
        fields = [
            "customer", "product", "warranty_months", "warranty_km", "valid_from", "valid_to",
            "terms",
        ]  # fmt: skip
        widgets = {"valid_from": DATE, "valid_to": DATE, "terms": forms.Textarea(attrs={"rows": 2})}
