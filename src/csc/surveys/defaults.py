"""The two questionnaires CSC ships with, created after ``migrate`` when missing.

* ``weighted`` (S3): twelve items with the weights of the seed (Σ = 1) on the seven-level
  scale 100 … 40.
* ``points`` (S0 5.3.3): each item scored in points and required to reach 12; the complaint
  and return deductions of the period are taken off the total.

They are created by a post-migrate hook (not a data migration) so that a flushed test database
or a fresh install gets them back, and an administrator's later edits are never overwritten:
a template whose code exists is left alone.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .choices import Category, TemplateKind, TemplateStatus
from .conf import setting

# key, Chinese text, English text, category, weight (S3)
WEIGHTED_ITEMS = [
    ("quality", "产品质量（符合性）", "Product quality (conformity)", Category.QUALITY, "0.20"),
    ("function", "产品功能（使用、适宜性）", "Product function (use, suitability)", Category.QUALITY, "0.10"),
    ("performance", "产品性能（安全、可靠性）", "Performance (safety, reliability)", Category.QUALITY, "0.10"),
    ("price", "价格", "Price", Category.OTHER, "0.08"),
    ("delivery", "交付及时性（准时性）", "On-time delivery", Category.DELIVERY, "0.08"),
    ("no_disruption", "（无）顾客生产中断", "No disruption of your production", Category.DELIVERY, "0.06"),
    ("no_returns", "（无）退货情况", "No returns", Category.QUALITY, "0.06"),
    ("packaging", "产品包装、标识与防护", "Packaging, labelling and protection", Category.DELIVERY, "0.06"),
    ("appearance", "产品外观（表面质量）", "Appearance (surface quality)", Category.QUALITY, "0.08"),
    ("service", "生产服务、售后服务", "Production and after-sales service", Category.SERVICE, "0.08"),
    ("communication", "沟通方式及有效性", "Communication and its effectiveness", Category.SERVICE, "0.05"),
    ("no_premium_freight", "（无）附加运费", "No premium freight", Category.DELIVERY, "0.05"),
]  # fmt: skip

# key, Chinese text, English text, category (S0's form HT-QR-MA-01)
POINTS_ITEMS = [
    ("quality", "产品质量", "Product quality", Category.QUALITY),
    ("delivery", "交货期", "Delivery time", Category.DELIVERY),
    ("price", "价格", "Price", Category.OTHER),
    ("service", "服务态度与响应速度", "Service attitude and response", Category.SERVICE),
    ("communication", "沟通与配合", "Communication and cooperation", Category.SERVICE),
]


def weighted_definition():
    return {
        "code": "weighted",
        "name": "顾客满意度调查表（加权七级）",
        "name_en": "Customer satisfaction survey (weighted, seven levels)",
        "kind": TemplateKind.WEIGHTED,
        "levels": list(setting("SURVEY_LIKERT_LEVELS")),
        "requirement": setting("SURVEY_LIKERT_REQUIREMENT"),
        "items": [
            {
                "key": key,
                "text": text,
                "text_en": text_en,
                "category": category,
                "weight": Decimal(weight),
            }
            for key, text, text_en, category, weight in WEIGHTED_ITEMS
        ],
    }


def points_definition():
    return {
        "code": "points",
        "name": "顾客满意度调查表（评分扣分）",
        "name_en": "Customer satisfaction survey (points less complaints and returns)",
        "kind": TemplateKind.POINTS,
        "levels": [],
        "requirement": setting("SURVEY_POINTS_REQUIREMENT"),
        "complaint_points": setting("SURVEY_COMPLAINT_POINTS"),
        "complaint_cap": setting("SURVEY_COMPLAINT_CAP"),
        "return_points": setting("SURVEY_RETURN_POINTS"),
        "return_cap": setting("SURVEY_RETURN_CAP"),
        "items": [
            {
                "key": key,
                "text": text,
                "text_en": text_en,
                "category": category,
                "max_points": setting("SURVEY_POINTS_ITEM_MAX"),
            }
            for key, text, text_en, category in POINTS_ITEMS
        ],
    }


def ensure_default_templates(**kwargs):
    """Create the shipped templates (published) unless a template with their code exists."""
    from csc.core.apps import setup_paused

    if setup_paused:
        return  # a restore brings its own templates
    from .models import SurveyTemplate, TemplateItem

    for definition in (weighted_definition(), points_definition()):
        if SurveyTemplate.objects.filter(code=definition["code"]).exists():
            continue
        items = definition.pop("items")
        with transaction.atomic():
            template = SurveyTemplate.objects.create(
                status=TemplateStatus.PUBLISHED, published_at=timezone.now(), **definition
            )
            TemplateItem.objects.bulk_create(
                TemplateItem(template=template, position=index, **item)
                for index, item in enumerate(items, start=1)
            )
