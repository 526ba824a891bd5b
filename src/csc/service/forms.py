"""Forms of the service desk pages; the verbs in actions.py do the checking that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core import bulk as core_bulk
from csc.core.models import User
from csc.customers.models import Contact, Customer
from csc.orders.models import Product

from .choices import STAFF_CHANNELS, Category, Channel, Severity
from .models import Team


class IntakeForm(forms.Form):
    """The short form a member of staff fills in for a phone call, visit or letter."""

    customer = forms.ModelChoiceField(Customer.objects.all(), label=_("Customer"))
    contact = forms.ModelChoiceField(
        Contact.objects.select_related("customer"), label=_("Contact"), required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[(c.value, c.label) for c in Channel if c in STAFF_CHANNELS]
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    product = forms.ModelChoiceField(Product.objects.all(), label=_("Product"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))


class PortalRequestForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Describe your request"), widget=forms.Textarea(attrs={"rows": 5})
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AssignForm(forms.Form):
    team = forms.ModelChoiceField(Team.objects.all(), label=pgettext_lazy("service desk", "Team"))
    handler = forms.ModelChoiceField(
        User.objects.filter(is_active=True, service_teams__isnull=False).distinct(),
        label=_("Handler"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    """Staff correct what was logged; the request's version guards against a parallel edit."""

    contact = forms.ModelChoiceField(Contact.objects.none(), label=_("Contact"), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    product = forms.ModelChoiceField(Product.objects.all(), label=_("Product"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the customer's own contacts: a list of every contact would be long and wrong.
        self.fields["contact"].queryset = record.customer.contacts.all()


class BulkForm(core_bulk.BulkForm):
    """What to do with the requests ticked on the ledger page."""

    ACTIONS = [("assign", _("Assign to")), ("export", _("Export to Excel"))]

    team = forms.ModelChoiceField(
        Team.objects.all(), label=pgettext_lazy("service desk", "Team"), required=False
    )
    handler = forms.ModelChoiceField(
        User.objects.filter(is_active=True, service_teams__isnull=False).distinct(),
        label=_("Handler"),
        required=False,
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "assign" and not (data.get("team") and data.get("handler")):
            self.add_error("handler", _("Choose the team and the handler to assign to."))
        return data
