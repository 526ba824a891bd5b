"""Every write of the service desk (rule 1: the UI, the API and tasks call these verbs)."""

from .escalation import watch_service_levels
from .handover import answer_feedback_sheet, escalate_to_8d, send_feedback_sheet
from .intake import accept_email, reject_email, take_in
from .requests import (
    add_note,
    answer_customer,
    assign_request,
    assign_requests,
    attach_file,
    close_request,
    customer_reply,
    export_requests,
    open_request,
    reopen_request,
    resolve_request,
    resume_request,
    start_request,
    update_request,
    wait_for_customer,
)
from .slamonths import store_sla_months

__all__ = [
    "answer_feedback_sheet",
    "escalate_to_8d",
    "send_feedback_sheet",
    "accept_email",
    "reject_email",
    "take_in",
    "add_note",
    "answer_customer",
    "assign_request",
    "assign_requests",
    "attach_file",
    "close_request",
    "customer_reply",
    "export_requests",
    "open_request",
    "reopen_request",
    "resolve_request",
    "resume_request",
    "start_request",
    "update_request",
    "store_sla_months",
    "wait_for_customer",
    "watch_service_levels",
]
