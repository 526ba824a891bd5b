"""Every write to customer property (rule 1: UI, API, tasks and the demo call these verbs)."""

from .anomalies import (
    close_anomaly,
    confirm_anomaly,
    dismiss_anomaly,
    notify_anomaly_customer,
    report_anomaly,
)
from .checks import record_check, schedule_condition_checks
from .exports import export_ledger, export_register, print_register
from .moves import issue, return_to_customer, scrap
from .receipts import dispose_lot, finish_sort, inspect, notify_lot_customer, receive
from .register import register_item, sign_for, update_item, void_item
from .stocktakes import (
    approve_stocktake,
    count_item,
    count_lines,
    open_stocktake,
    post_stocktake,
    return_stocktake,
    submit_stocktake,
)

__all__ = [
    "approve_stocktake",
    "close_anomaly",
    "confirm_anomaly",
    "count_item",
    "count_lines",
    "dismiss_anomaly",
    "dispose_lot",
    "export_ledger",
    "export_register",
    "finish_sort",
    "inspect",
    "issue",
    "notify_anomaly_customer",
    "notify_lot_customer",
    "open_stocktake",
    "post_stocktake",
    "print_register",
    "receive",
    "record_check",
    "register_item",
    "report_anomaly",
    "return_stocktake",
    "return_to_customer",
    "schedule_condition_checks",
    "scrap",
    "sign_for",
    "submit_stocktake",
    "update_item",
    "void_item",
]
