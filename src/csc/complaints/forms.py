"""Forms of the complaint pages; each one feeds a verb in ``actions``."""

import uuid

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core import bulk as core_bulk
from csc.core.forms import NoteForm  # noqa: F401  (the areas share one note box)
from csc.core.models import Department
from csc.customers.models import Customer

from .choices import Confirmation, Severity, VerificationResult
from .conf import setting
from .disciplines import staff_users
from .models import Complaint, MonthlyReview, Return


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (photos of the defect)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.xlsx,.docx,.txt,.zip"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > setting("COMPLAINT_PORTAL_MAX_FILES"):
            raise forms.ValidationError(
                _("At most %(max)s files.") % {"max": setting("COMPLAINT_PORTAL_MAX_FILES")}
            )
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _products():
    from csc.orders.models import Product

    return Product.objects.filter(active=True).order_by("code")


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ComplaintForm(forms.ModelForm):
    """A complaint registered by staff from any channel (CMP-1)."""

    files = MultipleFileField(label=_("Photos and files"))
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Complaint
        fields = [
            "customer", "channel", "received_at", "category", "severity", "product", "lot",
            "production_date", "quantity_affected", "description",
        ]  # fmt: skip
        widgets = {
            "received_at": MOMENT,
            "production_date": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = Customer.objects.admitted().order_by("name")
        self.fields["product"].queryset = _products()
        self.fields["received_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.initial.setdefault("received_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
        self.initial.setdefault("submit_token", uuid.uuid4().hex)

    def validate_unique(self):
        """The token's uniqueness is the action's business: a repeat returns the first one."""


class PortalComplaintForm(forms.ModelForm):
    """What a customer contact tells us in the portal; the rest is filled in for them."""

    files = MultipleFileField(label=_("Photos and files"))
    submit_token = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Complaint
        fields = [
            "category", "product", "lot", "production_date", "quantity_affected", "description",
        ]  # fmt: skip
        widgets = {"production_date": DATE, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = _products()
        self.initial.setdefault("submit_token", uuid.uuid4().hex)

    def validate_unique(self):
        """A repeated submit is recognised by the action, not refused here."""


class EditComplaintForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Complaint
        fields = [
            "channel", "received_at", "category", "severity", "product", "lot",
            "production_date", "quantity_affected", "description",
        ]  # fmt: skip
        widgets = ComplaintForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = _products()
        self.fields["received_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class AcceptForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.all(), required=False
    )
    note = forms.CharField(
        label=_("Assessment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NotOursForm(forms.Form):
    explanation = forms.CharField(
        label=_("Explanation for the customer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class TraceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Complaint
        fields = [
            "lot", "route_card", "production_report", "inspection_record", "operator_name",
            "inspector_name", "responsible_action", "responsible_action_on",
        ]  # fmt: skip
        widgets = {
            "responsible_action": forms.Textarea(attrs={"rows": 2}),
            "responsible_action_on": DATE,
        }


class CostForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Complaint
        fields = ["compensation", "penalty", "cost", "cost_note"]
        widgets = {"cost_note": forms.Textarea(attrs={"rows": 2})}


class TargetForm(forms.Form):
    """Every reply form says which complaint it answers; the action refuses any other."""

    complaint = forms.CharField(widget=forms.HiddenInput)


class ReplyForm(TargetForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Letter"), widget=forms.Textarea(attrs={"rows": 10}))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SendReplyForm(TargetForm):
    to = forms.CharField(
        label=_("To (e-mail; empty: the customer's contact)"), required=False, max_length=500
    )


class ConfirmForm(TargetForm):
    confirmation = forms.ChoiceField(
        label=_("Customer's answer"), choices=Confirmation.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanForm(forms.Form):
    """Owner and due date of a discipline (the 8D leader plans)."""

    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()


# --- returns -----------------------------------------------------------------------------


class ReturnForm(forms.ModelForm):
    complaint_number = forms.CharField(
        label=_("Complaint no. (if any)"), required=False, max_length=20
    )

    class Meta:
        model = Return
        fields = ["customer", "product", "lot", "notice_date", "quantity", "reason"]
        widgets = {"notice_date": DATE, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = Customer.objects.order_by("name")
        self.fields["product"].queryset = _products()

    def clean_complaint_number(self):
        number = self.cleaned_data.get("complaint_number", "").strip()
        if not number:
            return None
        complaint = Complaint.objects.filter(number=number).first()
        if complaint is None:
            raise forms.ValidationError(_("No complaint %(number)s.") % {"number": number})
        return complaint


def _version():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


QTY = {"max_digits": 14, "decimal_places": 3, "min_value": 0}


class ReceiveForm(forms.Form):
    received_quantity = forms.DecimalField(label=_("Quantity counted"), **QTY)
    note = forms.CharField(label=_("Note"), required=False)
    version = _version()


class VerifyForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=VerificationResult.choices)
    defective_quantity = forms.DecimalField(label=_("Defective quantity"), required=False, **QTY)
    note = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2}))
    version = _version()


class ReworkForm(forms.Form):
    instructions = forms.CharField(
        label=_("Rework instructions"), widget=forms.Textarea(attrs={"rows": 2})
    )
    due = forms.DateField(label=_("Rework due"), required=False, widget=DATE)
    version = _version()


class ReworkDoneForm(forms.Form):
    result = forms.CharField(label=_("Rework result"), widget=forms.Textarea(attrs={"rows": 2}))
    version = _version()


class ReplacementForm(forms.Form):
    quantity = forms.DecimalField(label=_("Replacement quantity"), **QTY)
    date = forms.DateField(label=_("Delivery date"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False)
    version = _version()


class CloseReturnForm(forms.Form):
    cost = forms.DecimalField(
        label=_("Cost of the return"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    note = forms.CharField(label=_("Note"), required=False)
    version = _version()


# --- monthly review and KPIs ---------------------------------------------------------------


class ReviewForm(forms.ModelForm):
    version = _version()

    class Meta:
        model = MonthlyReview
        fields = ["analysis", "action_plan"]
        widgets = {
            "analysis": forms.Textarea(attrs={"rows": 4}),
            "action_plan": forms.Textarea(attrs={"rows": 4}),
        }


class KpiForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.all(), required=False,
        widget=forms.HiddenInput,
    )  # fmt: skip


class RecurrenceForm(forms.Form):
    """Is this problem a recurrence of an earlier case (IATF 10.2.6)?"""

    recurrence = forms.ChoiceField(
        label=_("Recurrence of an earlier case?"),
        choices=[("", _("Not yet decided")), ("yes", _("Yes")), ("no", _("No"))],
        required=False,
    )
    recurrence_of = forms.ModelChoiceField(
        label=_("Earlier case"),
        queryset=Complaint.objects.all(),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "id"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class BulkForm(core_bulk.BulkForm):
    """What to do with the complaints ticked in the ledger."""

    ACTIONS = [
        ("assign", _("Assign to department")),
        ("remind", _("Remind the responsible")),
        ("export", _("Export the ticked to Excel")),
    ]

    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.all(), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "assign" and not data.get("department"):
            self.add_error("department", _("Choose the responsible department."))
        return data
