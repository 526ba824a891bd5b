"""`csc bench --only surveys` runs end to end on a small round and reports its figures against
the budgets; no timing is asserted here (the figures are the bench's output, not a test)."""

import json

import pytest
from django.core.management import call_command

from csc.bench.surveys import OPERATIONS
from csc.surveys.models import SurveyAnswer, SurveyResponse, SurveyRound

pytestmark = pytest.mark.django_db


def test_the_survey_bench_scores_and_sums_up_a_generated_round(tmp_path):
    path = tmp_path / "bench.json"
    call_command("bench", only="surveys", runs=2, records=40, json=str(path))
    results = json.loads(path.read_text(encoding="utf-8"))["surveys"]
    assert list(results) == [op.name for op in OPERATIONS]
    pages = {name: results.pop(name) for name in ("page_list", "page_detail")}
    for figures in results.values():
        assert figures["rows"] == 30  # three in four of the 40 customers answered
        assert figures["raw_sql_ms"] > 0 and figures["sql_ratio"] > 0
        assert figures["budget"] == "p95_ms <= 2000 and sql_ratio <= 1.5"
    for figures in pages.values():  # the answers ledger and an answer's page, SQL beside them
        assert figures["budget"] == "p95_ms <= 30" and 0 < figures["raw_sql_ms"] < figures["p50_ms"]
    survey_round = SurveyRound.objects.get()
    assert survey_round.invitations.count() == 40
    assert SurveyAnswer.objects.count() == 30 * 12
    # the bench's rescoring left real scores behind
    assert not SurveyResponse.objects.filter(score=0).exists()
