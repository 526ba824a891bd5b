"""Every write of complaints, 8D, replies, returns and reviews (rule 1: UI, API and tasks call
these verbs)."""

from .bulk import assign_complaint, assign_complaints, remind_complaints
from .complaint import (
    accept_complaint,
    acknowledge_complaint,
    attach_evidence,
    not_ours,
    record_costs,
    record_traceability,
    register_complaint,
    sign_read,
    update_complaint,
    void_complaint,
)
from .eightd import (
    close_eightd,
    record_recurrence,
    save_discipline,
    set_discipline_done,
    sign_final_report,
)
from .reply import close_complaint, confirm_reply, draft_reply, send_reply
from .returns import (
    close_return,
    issue_return,
    order_rework,
    receive_return,
    record_rework,
    schedule_replacement,
    verify_return,
    void_return,
)
from .reviews import (
    close_review,
    confirm_review_line,
    create_monthly_review,
    escalate_overdue,
    export_complaints,
    update_review,
)

__all__ = [
    "accept_complaint",
    "acknowledge_complaint",
    "assign_complaint",
    "assign_complaints",
    "attach_evidence",
    "close_complaint",
    "close_eightd",
    "record_recurrence",
    "close_return",
    "close_review",
    "confirm_reply",
    "confirm_review_line",
    "create_monthly_review",
    "draft_reply",
    "escalate_overdue",
    "export_complaints",
    "issue_return",
    "not_ours",
    "order_rework",
    "receive_return",
    "record_costs",
    "record_rework",
    "record_traceability",
    "register_complaint",
    "remind_complaints",
    "save_discipline",
    "schedule_replacement",
    "send_reply",
    "set_discipline_done",
    "sign_final_report",
    "sign_read",
    "update_complaint",
    "update_review",
    "verify_return",
    "void_complaint",
    "void_return",
]
