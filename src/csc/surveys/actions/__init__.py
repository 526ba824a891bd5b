"""Every write of the survey area (rule 1): pages, the API, the worker and the answer link call
these verbs."""

from .chases import log_chase, remind_round, reminder_candidates
from .exports import export_report
from .feedback import send_action_feedback
from .plans import PLAN_FIELDS, save_plan
from .responses import answer_by_link, enter_response
from .rounds import close_round, create_round, open_planned_round, open_round, send_round
from .templates import create_template, latest_published, publish_template, update_template

__all__ = [
    "PLAN_FIELDS",
    "answer_by_link",
    "close_round",
    "create_round",
    "create_template",
    "enter_response",
    "export_report",
    "latest_published",
    "log_chase",
    "open_planned_round",
    "open_round",
    "publish_template",
    "remind_round",
    "reminder_candidates",
    "save_plan",
    "send_action_feedback",
    "send_round",
    "update_template",
]
