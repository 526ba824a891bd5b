"""Forms of the recall pages; each feeds one verb in ``actions``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from csc.core.models import User

from .choices import Channel, Method, Party, SampleResult, Trigger

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
QTY = {"max_digits": 14, "decimal_places": 3, "min_value": 0}


def _staff():
    return User.objects.filter(is_active=True, customer_contact__isnull=True).order_by("username")


class NewRecallForm(forms.Form):
    title = forms.CharField(label=_("What is recalled"), max_length=200)
    trigger = forms.ChoiceField(label=_("Trigger"), choices=Trigger.choices)
    trigger_detail = forms.CharField(
        label=_("What was found"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # A number, not a drop-down: the complaint ledger holds a million complaints.
    complaint = forms.CharField(label=_("Complaint no."), max_length=20, required=False)

    def clean_complaint(self):
        from csc.complaints.models import Complaint

        number = self.cleaned_data["complaint"].strip()
        if not number:
            return None
        found = Complaint.objects.filter(number__iexact=number).first()
        if found is None:
            raise forms.ValidationError(_("No complaint has this number."))
        return found


class TeamForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("Team leader"), queryset=User.objects.none())
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = self.fields["members"].queryset = _staff()


class EditForm(forms.Form):
    plan = forms.CharField(
        label=_("Recall plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    root_cause = forms.CharField(
        label=_("Root cause"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LotForm(forms.Form):
    product = forms.CharField(label=_("Product no."), max_length=40)
    batch = forms.CharField(label=_("Batch no."), max_length=60)
    produced_from = forms.DateField(label=_("Produced from"), widget=DATE)
    produced_to = forms.DateField(label=_("Produced to"), widget=DATE)
    shipped_from = forms.DateField(label=_("Shipped from"), widget=DATE, required=False)
    shipped_to = forms.DateField(label=_("Shipped to"), widget=DATE, required=False)
    produced = forms.DecimalField(label=_("Quantity produced"), **QTY)
    in_stock = forms.DecimalField(label=_("Quantity in stock"), **QTY)

    def clean_product(self):
        from csc.orders.models import Product

        found = Product.objects.filter(code__iexact=self.cleaned_data["product"].strip()).first()
        if found is None:
            raise forms.ValidationError(_("No product has this number."))
        return found


class LotQuantityForm(forms.Form):
    produced = forms.DecimalField(label=_("Quantity produced"), **QTY)
    in_stock = forms.DecimalField(label=_("Quantity in stock"), **QTY)
    difference_note = forms.CharField(label=_("Explanation"), required=False)


class DistributionQuantityForm(forms.Form):
    returned = forms.DecimalField(label=_("Returned"), **QTY)
    at_customer = forms.DecimalField(label=_("Still at the customer"), **QTY)
    destroyed_at_customer = forms.DecimalField(label=_("Destroyed at the customer"), **QTY)
    difference_note = forms.CharField(label=_("Explanation"), required=False)


class SampleForm(forms.Form):
    reference = forms.CharField(label=_("Retained sample"), max_length=100)
    result = forms.ChoiceField(label=_("Result"), choices=SampleResult.choices)
    finding = forms.CharField(label=_("Finding"), required=False)


class NoticeForm(forms.Form):
    party = forms.ChoiceField(label=_("Party"), choices=Party.choices)
    customer = forms.ModelChoiceField(label=_("Customer"), queryset=None, required=False)
    authority = forms.CharField(label=_("Authority"), max_length=200, required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    address = forms.CharField(label=_("E-mail or phone"), max_length=254)
    text = forms.CharField(
        label=_("Message or phone notes"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, recall=None, **kwargs):
        from csc.customers.models import Customer

        super().__init__(*args, **kwargs)
        # Only customers who received the lots are offered: they are who must be told.
        received = Customer.objects.filter(pk__in=_receivers(recall)).order_by("name")
        self.fields["customer"].queryset = received


def _receivers(recall):
    from .models import Distribution

    if recall is None:
        return []
    return Distribution.objects.filter(lot__recall=recall).values("customer")


class DispositionForm(forms.Form):
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=None)
    method = forms.ChoiceField(label=_("Disposition"), choices=Method.choices)
    quantity = forms.DecimalField(label=_("Quantity"), **QTY)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, recall=None, **kwargs):
        from .models import Lot

        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = Lot.objects.filter(recall=recall)


class ReviewForm(forms.Form):
    procedure_review = forms.CharField(
        label=_("Review of the recall procedure"), widget=forms.Textarea(attrs={"rows": 3})
    )


class StepForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False)
