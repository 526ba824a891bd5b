"""Numbers and texts of contract and order review, each a setting with the seed's value as default.

A company overrides any of them in ``settings.CSC`` (e.g. ``CSC["ORDERS_REVIEW_DUE_WORKING_DAYS"]``).
"""

from decimal import Decimal

from csc.core.conf import settings_of

DEFAULTS = {
    # ORD-4 (S3): a contract review is completed within 1 working day of intake; target 100 %.
    "ORDERS_REVIEW_DUE_WORKING_DAYS": 1,
    "ORDERS_REVIEW_TIMELINESS_TARGET": 100,
    # Reviewers still owing a signature are reminded this many hours before the review is due.
    "ORDERS_REVIEW_REMINDER_HOURS": 4,
    # S3 KPI list: on-time delivery = batches delivered on time ÷ batches delivered. The seed gives
    # no figure for it; 生产订单完成率 ≥ 100 % is the nearest target it states.
    "ORDERS_ON_TIME_DELIVERY_TARGET": 100,
    # ORD-6: percentage a line may be over-delivered (0 = never more than ordered).
    "ORDERS_OVER_DELIVERY_TOLERANCE_PERCENT": Decimal("0"),
    "ORDERS_CURRENCIES": ["CNY", "USD", "EUR", "JPY", "HKD"],
    "ORDERS_DEFAULT_CURRENCY": "CNY",
    # Purchase volume (CUS-7) is kept in the company currency; foreign amounts are converted
    # at these book rates (units of company currency per unit of foreign currency).
    "ORDERS_BOOK_RATES": {"CNY": "1", "USD": "7.10", "EUR": "7.70", "JPY": "0.048", "HKD": "0.91"},
    # S0 附表十 (PI): payment terms and the beneficiary's banking information.
    "ORDERS_PAYMENT_TERMS": {
        "en": "30% deposit by T/T in advance, 70% balance by T/T before shipment.",
        "zh-hans": "30% 订金电汇预付，70% 余款于发货前电汇付清。",
    },
    "ORDERS_SELLER": {
        "name": "示例制造有限公司",
        "name_en": "Example Manufacturing Co., Ltd.",
        "address": "深圳市宝安区沙井街道创业工业园1栋5楼",
        "address_en": "5/F, Building 1, Chuangye Industrial Park, Shajing, Bao'an, Shenzhen, China",
        "phone": "+86 755 0000 0000",
    },
    "ORDERS_BENEFICIARY_BANK": {
        "beneficiary": "Example Manufacturing Co., Ltd.",
        "bank_name": "Industrial and Commercial Bank of China, Shenzhen Branch",
        "bank_address": "North Block, Financial Center, Shennan Road, Shenzhen, China",
        "account": "4000 0000 0000 0000 000",
        "swift": "ICBKCNBJSZN",
    },
    # Who receives the production / sample order (HT-QR-MA-04): plant leaders and departments.
    "ORDERS_PRODUCTION_ORDER_DEPARTMENTS": [
        "production",
        "materials",
        "quality",
        "engineering",
        "warehouse",
    ],
}


setting = settings_of(DEFAULTS)


def tolerance_percent():
    return Decimal(str(setting("ORDERS_OVER_DELIVERY_TOLERANCE_PERCENT")))


def book_rate(currency):
    """Return the book rate of ``currency`` into the company currency (1 when unknown)."""
    return Decimal(str(setting("ORDERS_BOOK_RATES").get(currency, "1")))
