"""Default permissions of each role on recalls (S3 产品召回流程 3. 职责).

Quality, Sales and the General Management office form the team; the GM names it and approves
the plan; Quality supervises the disposition and closes; the MR reviews the procedure.
"""

from csc.core.choices import Role
from csc.core.roles import MANAGEMENT

VIEW = ["recalls.view_recall"]
TEAM = [*VIEW, "recalls.change_recall"]

GRANTS = {
    **{role: list(VIEW) for role in MANAGEMENT},
    Role.SALES: list(TEAM),
    Role.WAREHOUSE: list(VIEW),
    Role.PRODUCTION: list(VIEW),
    Role.QUALITY: [
        *TEAM,
        "recalls.add_recall",
        "recalls.supervise_disposition",
        "recalls.close_recall",
    ],
    Role.GENERAL_MANAGER: [*TEAM, "recalls.add_recall", "recalls.approve_recall"],
    Role.MANAGEMENT_REP: [
        *TEAM,
        "recalls.add_recall",
        "recalls.close_recall",
        "recalls.review_recall",
    ],
}
