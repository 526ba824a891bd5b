"""The conclusions of the service summary report (SVC-10) and their sign-off."""

from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import check_version, save_versioned, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.permissions import require

from .. import servicereport
from ..choices import SummaryStatus
from ..models import ServiceSummary
from ..rules import SUMMARY_FLOW

TEXT_LIMIT = 20_000


@verb
def write_conclusions(actor, period, data, version=None):
    """Save what Sales concludes from the period's figures; return the conclusions.

    Refused once signed off: what was signed stays as signed.
    """
    require(actor, "aftersales.change_servicesummary")
    errors = {n: [_("Keep it under 20,000 characters.")] for n in ServiceSummary.TEXT_FIELDS if len(data.get(n) or "") > TEXT_LIMIT}  # fmt: skip
    if errors:
        raise Invalid(fields=errors)
    written = ServiceSummary.objects.select_for_update().filter(period_key=str(period)).first()
    if written is None:
        return ServiceSummary.objects.create(
            period_key=str(period),
            created_by=actor,
            **{n: (data.get(n) or "").strip() for n in ServiceSummary.TEXT_FIELDS},
        )
    check_version(written, version)
    if written.status == SummaryStatus.SIGNED:
        raise IllegalTransition(_("The summary is signed off: its conclusions can no longer change."))  # fmt: skip
    changed = [n for n in ServiceSummary.TEXT_FIELDS if n in data and (data[n] or "").strip() != getattr(written, n)]  # fmt: skip
    for name in changed:
        setattr(written, name, (data[name] or "").strip())
    if changed:
        save_versioned(written, changed)
    return written


@verb
def sign_off_summary(actor, period, version=None, note=""):
    """The sales head signs the report off: the figures of this moment are kept with it."""
    require(actor, "aftersales.sign_servicesummary")
    written = ServiceSummary.objects.select_for_update().filter(period_key=str(period)).first()
    if written is None or not any(getattr(written, n) for n in ServiceSummary.TEXT_FIELDS):
        raise Invalid.field("achievements", _("Write the conclusions before signing off."))
    check_version(written, version)
    if written.created_by_id == actor.pk:
        raise Denied(_("The summary needs a second person: its author cannot also sign it off."))
    if period.end > timezone.localdate():
        raise IllegalTransition(_("The period has not ended yet: sign the report off once it has."))  # fmt: skip
    SUMMARY_FLOW.check(written, "sign")
    written.figures = servicereport.kept(servicereport.summary(period))
    written.signed_by, written.signed_at = actor, timezone.now()
    transition(written, SUMMARY_FLOW, "sign", note, extra_fields=["figures", "signed_by", "signed_at"])  # fmt: skip
    sign(actor, written, SignatureMeaning.APPROVED, note=note)
    return written
