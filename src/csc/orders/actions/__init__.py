"""Every write of contract and order review (rule 1: UI, API, imports and tasks call these verbs)."""

from django.utils.translation import gettext as _

from csc.core import audit, xlsx
from csc.core.actions import read_verb
from csc.core.permissions import require, restrict

from .. import ledger
from ..models import Order
from .changes import apply_change, decide_change, record_customer_response, request_change
from .contact import (
    answer_question,
    ask_question,
    decide_presales,
    forward_question,
    reply_memo,
    request_presales,
    write_memo,
)
from .execution import confirm_delivery, issue_production_order, ship_order, update_production
from .intake import receive_order, save_product, submit_order, update_order
from .review import (
    approve_order,
    cancel_order,
    name_delegate,
    revoke_delegate,
    send_back,
    send_review_reminders,
    sign_section,
)


@read_verb
def export_ledger(actor, target, queryset=None):
    """Write the review ledger of the orders the actor may see to ``target``; return the count."""
    require(actor, "orders.export_order")
    queryset = Order.objects.order_by("-received_at", "-id") if queryset is None else queryset
    rows = ledger.rows(restrict(queryset, actor))
    count = xlsx.write_workbook(target, _("Order review ledger"), ledger.headers(), rows)
    audit.record_export(Order, count)
    return count


__all__ = [
    "answer_question",
    "apply_change",
    "approve_order",
    "ask_question",
    "cancel_order",
    "confirm_delivery",
    "decide_change",
    "decide_presales",
    "export_ledger",
    "forward_question",
    "issue_production_order",
    "name_delegate",
    "receive_order",
    "record_customer_response",
    "reply_memo",
    "request_change",
    "request_presales",
    "revoke_delegate",
    "save_product",
    "send_back",
    "send_review_reminders",
    "ship_order",
    "sign_section",
    "submit_order",
    "update_order",
    "update_production",
    "write_memo",
]
