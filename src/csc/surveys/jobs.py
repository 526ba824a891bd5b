"""Background jobs of surveys: the round's report (a multi-page PDF) and statistics workbook."""

from csc.core import jobs
from csc.core.permissions import restrict

from . import actions
from .models import SurveyRound

NAMES = {"pdf": "survey-report-{number}.pdf", "xlsx": "survey-statistics-{number}.xlsx"}


def report_job(job):
    rounds = restrict(SurveyRound.objects.select_related("template"), job.user)
    survey_round = rounds.get(pk=job.params["round"])
    kind = job.params["format"]
    return jobs.file_outcome(
        NAMES[kind].format(number=survey_round.number),
        lambda target: actions.export_report(job.user, survey_round, target, kind),
    )
