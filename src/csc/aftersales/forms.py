from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.customers.models import Customer
from csc.orders.models import Product, Shipment

from .choices import Decision, DefectKind, Exclusion, FieldOutcome, FieldStage, StaffPosting
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


# --- field service (SVC-5) ----------------------------------------------------------------

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = {"widget": forms.Textarea(attrs={"rows": 2}), "required": False}


def _staff_choices():
    from .models import ServiceStaff

    return ServiceStaff.objects.filter(active=True).select_related("person")


class StaffForm(forms.Form):
    person = forms.ModelChoiceField(label=_("person"), queryset=None)
    posting = forms.ChoiceField(label=_("posting"), choices=StaffPosting.choices)
    resident_at = forms.ModelChoiceField(
        label=_("resident at"), queryset=Customer.objects.all(), required=False
    )
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True, customer_contact__isnull=True)
        self.fields["person"].queryset = people.order_by("username")


class FieldRecordForm(forms.Form):
    """Opening a job record; a plain form, so the verb gives each field its own message."""

    customer = forms.ModelChoiceField(label=_("customer"), queryset=Customer.objects.all())
    staff = forms.ModelChoiceField(label=_("service staff"), queryset=None)
    stage = forms.ChoiceField(label=_("stage"), choices=FieldStage.choices)
    found_at = forms.DateTimeField(label=_("problem found"), widget=DATETIME)
    product = forms.ModelChoiceField(
        label=_("product"), queryset=Product.objects.all(), required=False
    )
    site = forms.CharField(
        label=pgettext_lazy("field service", "site"), max_length=200, required=False
    )
    defect = forms.CharField(label=_("defect"), widget=forms.Textarea(attrs={"rows": 3}))
    failure_form = forms.CharField(label=_("failure form"), max_length=200, required=False)
    maker = forms.CharField(label=_("maker"), max_length=200, required=False)
    # Typed by number: a select of every request or claim would not scale.
    service_request = forms.ModelChoiceField(
        label=_("service request"),
        queryset=None,
        required=False,
        to_field_name="number",
        widget=forms.TextInput(attrs={"placeholder": "SR-2026-0001"}),
    )
    warranty_claim = forms.ModelChoiceField(
        label=_("warranty claim"),
        queryset=WarrantyClaim.objects.all(),
        required=False,
        to_field_name="number",
        widget=forms.TextInput(attrs={"placeholder": "WC-2026-0001"}),
    )

    def __init__(self, *args, **kwargs):
        from csc.service.models import ServiceRequest

        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _staff_choices()
        self.fields["service_request"].queryset = ServiceRequest.objects.all()


class CompleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    outcome = forms.ChoiceField(label=_("outcome"), choices=[("", "—"), *FieldOutcome.choices], required=False)  # fmt: skip
    result = forms.CharField(label=_("result"), **TEXT)
    work_hours = forms.DecimalField(label=_("work hours"), max_digits=7, decimal_places=1, min_value=0, required=False)  # fmt: skip
    travel_hours = forms.DecimalField(label=_("travel hours"), max_digits=7, decimal_places=1, min_value=0, required=False)  # fmt: skip
    travel_km = forms.IntegerField(label=_("travel (km)"), min_value=0, required=False)


class FieldRecordEditForm(forms.Form):
    """Correcting an open job's facts and hours (the fields ``update_record`` takes)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    product = FieldRecordForm.base_fields["product"]
    site = FieldRecordForm.base_fields["site"]
    defect = FieldRecordForm.base_fields["defect"]
    failure_form = FieldRecordForm.base_fields["failure_form"]
    maker = FieldRecordForm.base_fields["maker"]
    outcome = CompleteForm.base_fields["outcome"]
    result = CompleteForm.base_fields["result"]
    work_hours = CompleteForm.base_fields["work_hours"]
    travel_hours = CompleteForm.base_fields["travel_hours"]
    travel_km = CompleteForm.base_fields["travel_km"]


class SignForm(forms.Form):
    signer_name = forms.CharField(label=_("signer's name"), max_length=100, required=False)
    signature = forms.CharField(widget=forms.HiddenInput, required=False)
    satisfied = forms.BooleanField(label=_("satisfied with the service"), required=False, initial=True)  # fmt: skip
    remark = forms.CharField(label=_("customer's remark"), **TEXT)


class ConfirmForm(forms.Form):
    signer_name = forms.CharField(label=_("your name"), max_length=100, required=False)
    satisfied = forms.BooleanField(label=_("satisfied with the service"), required=False, initial=True)  # fmt: skip
    remark = forms.CharField(label=_("remark"), **TEXT)


class LinkForm(forms.Form):
    email = forms.EmailField(label=_("customer's e-mail"), required=False)


class PartForm(forms.Form):
    part_no = forms.CharField(label=_("part no."), max_length=60, required=False)
    name = forms.CharField(label=_("part name"), max_length=200, required=False)
    quantity = forms.DecimalField(label=_("quantity"), max_digits=12, decimal_places=2, required=False)  # fmt: skip


class QuantityForm(forms.Form):
    quantity = forms.DecimalField(label=_("quantity"), max_digits=12, decimal_places=2, required=False)  # fmt: skip


class ReturnForm(forms.Form):
    customer = forms.ModelChoiceField(label=_("customer"), queryset=Customer.objects.all())
    product = forms.ModelChoiceField(label=_("product"), queryset=Product.objects.all())
    record = forms.ModelChoiceField(label=_("field service record"), queryset=None, required=False)
    quantity_sent = forms.IntegerField(label=_("quantity sent"), required=False)
    reason = forms.CharField(label=_("reason for return"), widget=forms.Textarea(attrs={"rows": 2}), required=False)  # fmt: skip

    def __init__(self, *args, **kwargs):
        from .models import FieldServiceRecord

        super().__init__(*args, **kwargs)
        self.fields["record"].queryset = FieldServiceRecord.objects.all()


class ReceiveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    quantity_received = forms.IntegerField(label=_("quantity received"), required=False)
    receiving_note = forms.CharField(label=_("receiving note"), **TEXT)


class ConclusionsForm(forms.Form):
    """The conclusions of the service summary report (S2 1.9.6)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    achievements = forms.CharField(label=_("What went well"), widget=forms.Textarea(attrs={"rows": 4}), required=False)  # fmt: skip
    shortcomings = forms.CharField(label=_("What fell short"), widget=forms.Textarea(attrs={"rows": 4}), required=False)  # fmt: skip
    improvements = forms.CharField(label=_("Direction for improvement"), widget=forms.Textarea(attrs={"rows": 4}), required=False)  # fmt: skip
