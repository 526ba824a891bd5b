"""The round's report and statistics workbook: written for the actor, logged in the audit trail."""

from csc.core import audit
from csc.core.actions import read_verb
from csc.core.choices import AuditAction
from csc.core.permissions import require


@read_verb
def export_report(actor, survey_round, target, kind="pdf"):
    """Write the round's report (PDF) or statistics workbook (xlsx) to ``target``; log it."""
    from .. import report

    require(actor, "surveys.export_survey")
    if kind == "pdf":
        report.write_pdf(survey_round, target)
    else:
        report.write_workbook(survey_round, target)
    audit.record(survey_round, AuditAction.EXPORT, {"format": kind})
