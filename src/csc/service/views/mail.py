"""The e-mail quarantine: mail the intake could not file, for staff to accept or reject."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.models import Attachment
from csc.core.permissions import can, restrict
from csc.core.privacy import masked_email
from csc.core.views import flash_error, paginate, show_addresses
from csc.customers.models import Customer

from .. import actions
from ..choices import IntakeStatus
from ..models import InboundEmail


def _require_triage(user):
    if not can(user, "service.triage_inboundemail"):
        raise Http404


@login_required
def quarantine(request):
    _require_triage(request.user)
    status = request.GET.get("status") or IntakeStatus.QUARANTINED
    mails = restrict(InboundEmail.objects.all(), request.user).filter(status=status)
    page = paginate(request, mails.select_related("request", "complaint"))
    _with_files(page, status == IntakeStatus.QUARANTINED)
    show_addresses(request, page, "from_address", masker=masked_email)
    return render(
        request,
        "service/mail.html",
        {"page": page, "status": status, "statuses": IntakeStatus.choices},
    )


def _with_files(page, wanted):
    """Give each mail of the page its attachments, read in one query for the whole page."""
    files = {}
    if wanted:
        kind = ContentType.objects.get_for_model(InboundEmail)
        ids = [str(mail.pk) for mail in page]
        for attachment in Attachment.objects.filter(content_type=kind, object_id__in=ids):
            files.setdefault(attachment.object_id, []).append(attachment)
    for mail in page:
        mail.files = files.get(str(mail.pk), [])


@login_required
@require_POST
def decide(request, pk, decision):
    _require_triage(request.user)
    inbound = get_object_or_404(restrict(InboundEmail.objects.all(), request.user), pk=pk)
    try:
        if decision == "accept":
            customer = Customer.objects.filter(
                code=request.POST.get("customer", "").strip()
            ).first()
            actions.accept_email(request.user, inbound, customer)
            messages.success(request, _("E-mail accepted; its record was opened."))
        else:
            actions.reject_email(request.user, inbound, request.POST.get("reason", ""))
            messages.success(request, _("E-mail rejected."))
    except ActionError as error:
        flash_error(request, error)
    return redirect("service:mail")
