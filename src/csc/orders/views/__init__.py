"""Pages of contract and order review; each write calls a verb in ``actions``."""

from .orders import (
    order_detail,
    order_edit,
    order_export,
    order_list,
    order_new,
    version_detail,
    version_diff,
)
from .other import (
    change_detail,
    change_list,
    change_pdf,
    delegates,
    kpi_page,
    memo_detail,
    memo_list,
    memo_pdf,
    order_pi,
    presales_detail,
    presales_list,
    presales_new,
    production_order_pdf,
    products,
    question_list,
    question_step,
    shipment_pdf,
    version_pdf,
)
from .steps import change_new, confirm_delivery, order_step, ship, shipment_detail

__all__ = [
    "change_detail", "change_list", "change_new", "change_pdf", "confirm_delivery", "delegates",
    "kpi_page", "memo_detail", "memo_list", "memo_pdf", "order_detail", "order_edit",
    "order_export", "order_list", "order_new", "order_pi", "order_step", "presales_detail",
    "presales_list", "presales_new", "production_order_pdf", "products", "question_list",
    "question_step", "ship", "shipment_detail", "shipment_pdf", "version_detail", "version_diff",
    "version_pdf",
]  # fmt: skip
