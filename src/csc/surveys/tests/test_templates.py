"""Questionnaires (SUR-2, SUR-3): the two shipped defaults, publishing only with weights that
add up to 1, and versions: a template a round used is never changed under it."""

from decimal import Decimal

import pytest

from csc.core.errors import Invalid
from csc.surveys import actions
from csc.surveys.choices import TemplateStatus
from csc.surveys.defaults import WEIGHTED_ITEMS
from csc.surveys.models import SurveyTemplate

from . import makers

pytestmark = pytest.mark.django_db


def test_the_weighted_default_carries_the_twelve_seed_weights_and_seven_levels():
    template = makers.weighted()
    weights = dict(template.items.values_list("key", "weight"))
    assert len(weights) == 12
    assert weights["quality"] == Decimal("0.200")
    assert weights["no_premium_freight"] == Decimal("0.050")
    assert sum(weights.values()) == Decimal(1)
    assert template.levels == [100, 90, 80, 70, 60, 50, 40]
    assert [key for key, *_rest in WEIGHTED_ITEMS] == list(
        template.items.values_list("key", flat=True)
    )


def test_the_points_default_requires_twelve_points_and_caps_deductions():
    template = makers.points()
    assert template.requirement == Decimal(12)
    assert (template.complaint_points, template.complaint_cap) == (Decimal(1), Decimal(5))
    assert (template.return_points, template.return_cap) == (Decimal(2), Decimal(10))
    assert set(template.items.values_list("max_points", flat=True)) == {20}


def test_items_carry_the_category_that_routes_their_actions():
    categories = dict(makers.weighted().items.values_list("key", "category"))
    assert categories["quality"] == "quality"
    assert categories["delivery"] == "delivery"
    assert categories["service"] == "service"


def _items(weights):
    return [
        {"key": f"q{i}", "text": f"问题{i}", "category": "quality", "weight": Decimal(w)}
        for i, w in enumerate(weights, start=1)
    ]


def _draft(people, weights):
    return actions.create_template(
        people.sales,
        {"code": f"t{len(weights)}x", "kind": "weighted", "name": "测试问卷"},
        _items(weights),
    )


def test_a_template_whose_weights_do_not_add_up_to_one_cannot_be_published(people):
    template = _draft(people, ["0.5", "0.3", "0.1"])
    with pytest.raises(Invalid) as refused:
        actions.publish_template(people.sales, template)
    assert "0.9" in str(refused.value.fields["weights"][0])
    assert SurveyTemplate.objects.get(pk=template.pk).status == TemplateStatus.DRAFT


def test_weights_over_one_are_refused_too(people):
    template = _draft(people, ["0.5", "0.5", "0.001"])
    with pytest.raises(Invalid):
        actions.publish_template(people.sales, template)


def test_weights_adding_up_to_exactly_one_publish(people):
    template = _draft(people, ["0.333", "0.333", "0.334"])
    published = actions.publish_template(people.sales, template)
    assert published.status == TemplateStatus.PUBLISHED
    assert published.levels == [100, 90, 80, 70, 60, 50, 40]


def test_editing_a_template_a_round_used_makes_a_new_version(people):
    makers.customers(a=1)
    used = makers.weighted()
    survey_round = makers.open_round(people, used)
    changed = [{"key": i.key, "text": i.text, "category": i.category, "weight": i.weight}
               for i in used.items.all()]  # fmt: skip
    changed[0]["text"] = "产品质量（含一致性）"
    edited = actions.update_template(people.sales, used, {"name": "新版问卷"}, changed)
    assert edited.pk != used.pk
    assert (edited.code, edited.edition, edited.status) == ("weighted", 2, TemplateStatus.DRAFT)
    assert edited.previous == used
    used.refresh_from_db()
    assert used.name != "新版问卷"
    assert used.items.get(key="quality").text == "产品质量（符合性）"
    assert survey_round.template_id == used.pk
    actions.publish_template(people.sales, edited)
    used.refresh_from_db()
    assert used.status == TemplateStatus.RETIRED
    assert actions.latest_published("weighted") == edited


def test_an_unused_draft_is_edited_in_place(people):
    template = _draft(people, ["0.5", "0.5"])
    edited = actions.update_template(
        people.sales, template, {"name": "改名"}, None, template.version
    )
    assert edited.pk == template.pk
    assert SurveyTemplate.objects.get(pk=template.pk).name == "改名"


def test_a_second_draft_version_waits_for_the_first(people):
    makers.customers(a=1)
    used = makers.weighted()
    makers.open_round(people, used)
    actions.update_template(people.sales, used, {"name": "草稿一"})
    with pytest.raises(Invalid):
        actions.update_template(
            people.sales, SurveyTemplate.objects.get(pk=used.pk), {"name": "草稿二"}
        )


def test_items_need_a_text_a_category_and_distinct_keys(people):
    with pytest.raises(Invalid) as refused:
        actions.create_template(
            people.sales,
            {"code": "bad", "kind": "weighted", "name": "坏问卷"},
            [{"key": "a", "text": "x", "category": "quality"},
             {"key": "a", "text": "y", "category": "quality"},
             {"key": "b", "text": "", "category": "quality"},
             {"key": "c", "text": "z", "category": "nonsense"}],
        )  # fmt: skip
    assert len(refused.value.fields["items"]) == 3
    assert not SurveyTemplate.objects.filter(code="bad").exists()


@pytest.mark.parametrize("kind", ["weighted", "points"])
def test_the_questionnaire_prints_blank_with_its_form_number_in_chinese_and_english(people, client, tmp_path, kind):  # fmt: skip
    from csc.testing import pdf_text

    template = getattr(makers, kind)()
    client.force_login(people.sales)
    chinese = pdf_text(client.get(f"/surveys/questionnaires/{template.pk}/form.pdf").content, tmp_path)  # fmt: skip
    assert "HT-QR-MA-01" in chinese and template.items.first().text[:4] in chinese
    assert "尊敬的顾客" in chinese
    (tmp_path / "en").mkdir()
    english = pdf_text(client.get(f"/surveys/questionnaires/{template.pk}/form.pdf?lang=en").content, tmp_path / "en")  # fmt: skip
    assert "Dear customer" in english


def test_an_outsider_cannot_print_a_questionnaire(people, client):
    client.force_login(people.outsider)
    assert client.get(f"/surveys/questionnaires/{makers.weighted().pk}/form.pdf").status_code == 404  # fmt: skip
