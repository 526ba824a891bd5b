"""Default permissions of each role on complaints, 8D, returns and the monthly review.

Sales registers complaints and returns and sends replies; Quality assesses, leads the 8D,
writes replies and verifies returns; the warehouse receives, Production reworks, Materials
schedules replacements; the MR and the GM sign complaints as read, the plant manager the final
8D report; a customer contact submits and follows their own complaints in the portal.
"""

from csc.core.choices import Role
from csc.core.roles import STAFF_ROLES

READ = [
    "complaints.view_complaint",
    "complaints.view_eightd",
    "complaints.view_discipline",
    "complaints.view_reply",
    "complaints.view_return",
]
REVIEW = ["complaints.view_monthlyreview", "complaints.view_reviewline"]
KPI = ["complaints.view_kpi", "complaints.export_complaint"]
MANAGEMENT_READ = [*READ, *REVIEW, *KPI]

GRANTS = {
    **{role: list(READ) for role in STAFF_ROLES},
    Role.SALES: [
        *READ,
        *KPI,
        "complaints.add_complaint",
        "complaints.change_complaint",
        "complaints.reply_complaint",
        "complaints.confirm_reply",
        "complaints.cost_complaint",
        "complaints.add_return",
        "complaints.change_return",
    ],
    Role.SERVICE: [*READ, "complaints.add_complaint", "complaints.change_complaint"],
    Role.QUALITY: [
        *READ,
        *REVIEW,
        *KPI,
        "complaints.add_complaint",
        "complaints.change_complaint",
        "complaints.assess_complaint",
        "complaints.close_complaint",
        "complaints.trace_complaint",
        "complaints.cost_complaint",
        "complaints.change_eightd",
        "complaints.change_discipline",
        "complaints.add_reply",
        "complaints.change_reply",
        "complaints.change_return",
        "complaints.verify_return",
        "complaints.change_monthlyreview",
        "complaints.change_reviewline",
    ],
    Role.PRODUCTION: [*READ, "complaints.trace_complaint", "complaints.rework_return"],
    Role.WAREHOUSE: [*READ, "complaints.receive_return"],
    Role.MATERIALS: [*READ, "complaints.schedule_replacement"],
    Role.MANAGEMENT_REP: [*MANAGEMENT_READ, "complaints.sign_read_complaint"],
    Role.GENERAL_MANAGER: [*MANAGEMENT_READ, "complaints.sign_read_complaint"],
    Role.PLANT_MANAGER: [*MANAGEMENT_READ, "complaints.sign_final_report"],
    Role.VICE_PRESIDENT: list(MANAGEMENT_READ),
    Role.CUSTOMER_CONTACT: [
        "complaints.view_complaint",
        "complaints.add_complaint",
        "complaints.view_reply",
        "complaints.confirm_reply",
    ],
}
