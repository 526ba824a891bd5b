from django import forms
from django.utils.translation import gettext_lazy as _

from csc.customers.models import Customer
from csc.orders.models import Product, Shipment

from .choices import Decision, DefectKind, Exclusion
from .models import ServiceAgreement, Training, VisitReport, WarrantyClaim

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


class PlanLineForm(forms.Form):
    customer = forms.ModelChoiceField(label=_("customer"), queryset=Customer.objects.all())
    month = forms.TypedChoiceField(
        label=_("month"), coerce=int, choices=[(m, m) for m in range(1, 13)]
    )
    purpose = forms.CharField(label=_("purpose"), max_length=200, required=False)


PlanLines = forms.formset_factory(PlanLineForm, extra=6)


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("year"))


class VisitReportForm(forms.ModelForm):
    quality_findings = forms.CharField(
        label=_("Product quality findings (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    service_findings = forms.CharField(
        label=_("Service findings (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    class Meta:
        model = VisitReport
        fields = [
            "planned", "customer", "visited_on", "opinions", "product_quality",
            "service_quality", "satisfaction",
        ]  # fmt: skip
        widgets = {
            "visited_on": DATE,
            "opinions": forms.Textarea(attrs={"rows": 3}),
            "product_quality": forms.Textarea(attrs={"rows": 2}),
            "service_quality": forms.Textarea(attrs={"rows": 2}),
        }

    def findings(self):
        """Return (description, category) pairs, one per non-empty line."""
        pairs = []
        for name, category in (("quality_findings", "quality"), ("service_findings", "service")):
            pairs += [(line.strip(), category) for line in self.cleaned_data[name].splitlines() if line.strip()]  # fmt: skip
        return pairs


def _staff():
    from csc.core.models import User

    return User.objects.filter(is_active=True, customer_contact__isnull=True).order_by("username")


class TrainingForm(forms.ModelForm):
    passed = forms.ModelMultipleChoiceField(label=_("Attended and passed"), queryset=None, required=False)  # fmt: skip
    failed = forms.ModelMultipleChoiceField(label=_("Attended and failed"), queryset=None, required=False)  # fmt: skip
    absent = forms.ModelMultipleChoiceField(label=_("Absent"), queryset=None, required=False)

    class Meta:
        model = Training
        fields = ["kind", "title", "held_on", "trainer", "hours", "content"]
        widgets = {"held_on": DATE, "content": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("passed", "failed", "absent"):
            self.fields[name].queryset = _staff()

    def results(self):
        """Return {user: result}; a person listed twice keeps the last list's result."""
        return {u: name for name in ("passed", "failed", "absent") for u in self.cleaned_data[name]}  # fmt: skip
