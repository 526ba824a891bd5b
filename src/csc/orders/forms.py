"""Forms of the order pages; they only shape input — the verbs in ``actions`` decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import Department
from csc.customers.models import Customer

from .choices import (
    Channel,
    ItemCategory,
    OrderType,
    PresalesKind,
    QuestionSubject,
    Section,
)
from .conf import setting
from .models import Order, Product

# HTML date inputs take ISO dates whatever the locale (zh-Hans would render 2026/11/25).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK_LINES = 5


class CustomerField(forms.CharField):
    """A customer typed by number (CU-…) or exact name: a select of every customer would not scale."""

    def __init__(self, *args, admitted_only=True, **kwargs):
        self.admitted_only = admitted_only
        kwargs.setdefault("label", _("Customer"))
        kwargs.setdefault("help_text", _("Customer no. or full name"))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Customer):
            return value.code
        if isinstance(value, int):
            return Customer.objects.filter(pk=value).values_list("code", flat=True).first() or ""
        return value

    def clean(self, value):
        text = super().clean(value).strip()
        customers = Customer.objects.admitted() if self.admitted_only else Customer.objects.all()
        match = customers.filter(Q(code__iexact=text) | Q(name=text)).first()
        if match is None:
            message = (
                _("No admitted customer has this number or name.")
                if self.admitted_only
                else _("No customer has this number or name.")
            )
            raise forms.ValidationError(message)
        return match


def currency_choices():
    return [(c, c) for c in setting("ORDERS_CURRENCIES")]


class OrderForm(forms.ModelForm):
    customer = CustomerField(
        widget=forms.TextInput(attrs={"list": "customer-hints", "autocomplete": "off"})
    )
    received_at = forms.DateTimeField(
        label=_("Received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        required=False,
    )

    class Meta:
        model = Order
        fields = [
            "customer", "channel", "order_type", "sample", "customer_reference", "received_at",
            "trade_terms", "payment_terms", "notes",
        ]  # fmt: skip
        widgets = {
            "payment_terms": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = Channel.choices
        self.fields["order_type"].choices = OrderType.choices
        if editing:
            for name in ("customer", "received_at"):
                self.fields.pop(name)


class LineForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.filter(active=True), required=False
    )
    specification = forms.CharField(label=_("Specification"), max_length=200, required=False)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=14, decimal_places=3, required=False
    )
    unit_price = forms.DecimalField(
        label=_("Unit price"), max_digits=14, decimal_places=4, required=False
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=currency_choices, required=False)
    requested_date = forms.DateField(
        label=_("Requested delivery date"), required=False, widget=DATE
    )
    promised_date = forms.DateField(label=_("Promised delivery date"), required=False, widget=DATE)

    def has_line(self):
        return bool(self.cleaned_data.get("product"))


LineFormSet = forms.formset_factory(LineForm, extra=0, max_num=200)


def requirement_fields():
    return {
        c.value: forms.CharField(
            label=c.label, required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
        for c in ItemCategory
    }


class RequirementsForm(forms.Form):
    """The customer's requirements, one text per kind: the review items (ORD-2)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(requirement_fields())


class SignForm(forms.Form):
    section = forms.ChoiceField(choices=Section.choices, widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", pgettext_lazy("review decision", "Accept")),
            ("reject", pgettext_lazy("review decision", "Reject")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RemarksForm(forms.Form):
    remarks = forms.CharField(
        label=_("Coordination (remarks)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ProductionOrderForm(forms.Form):
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    planned_completion = forms.DateField(label=_("Planned completion"), required=False, widget=DATE)


class ProductionForm(forms.Form):
    planned_completion = forms.DateField(label=_("Planned completion"), required=False, widget=DATE)
    actual_completion = forms.DateField(label=_("Actual completion"), required=False, widget=DATE)


class ShipForm(forms.Form):
    shipped_on = forms.DateField(label=_("Shipped on"), widget=DATE)
    carrier = forms.CharField(label=_("Carrier"), max_length=100, required=False)
    destination = forms.CharField(label=_("Deliver to"), max_length=300, required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)
    received_by = forms.CharField(label=_("Received by"), max_length=100, required=False)
    note = forms.CharField(label=_("Remarks"), required=False)


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(
        label=_("Requested change"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)


class ChangeLineForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=14, decimal_places=3)
    unit_price = forms.DecimalField(label=_("Unit price"), max_digits=14, decimal_places=4)
    specification = forms.CharField(label=_("Specification"), max_length=200, required=False)
    requested_date = forms.DateField(
        label=_("Requested delivery date"), required=False, widget=DATE
    )
    promised_date = forms.DateField(label=_("Promised delivery date"), required=False, widget=DATE)


ChangeLineFormSet = forms.formset_factory(ChangeLineForm, extra=0)


class CustomerResponseForm(forms.Form):
    agreed = forms.TypedChoiceField(
        label=_("Customer"),
        choices=[("1", _("agrees")), ("0", _("does not agree"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the customer said"), widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(forms.Form):
    subject = forms.ChoiceField(label=_("Subject"), choices=QuestionSubject.choices)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer or note"), widget=forms.Textarea(attrs={"rows": 2}))


class MemoForm(forms.Form):
    to_department = forms.ModelChoiceField(
        label=pgettext_lazy("memo", "To"), queryset=Department.objects.all()
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    reply_by = forms.DateField(label=_("Reply by"), required=False, widget=DATE)


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}))


class PresalesForm(forms.Form):
    customer = CustomerField(admitted_only=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=PresalesKind.choices)
    description = forms.CharField(
        label=_("What the customer asks for"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PresalesDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    customer_explanation = forms.CharField(
        label=_("Explanation for the customer (when refusing)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DelegateForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=Section.choices)
    user = forms.ModelChoiceField(
        label=_("Delegate"),
        queryset=get_user_model()
        .objects.filter(is_active=True, customer_contact__isnull=True)
        .order_by("username"),
    )
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["code", "name", "specification", "product_line", "unit", "active"]
