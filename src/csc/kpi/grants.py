"""Default permissions of each role on the indicators and the management review (S1, S3).

Every department sees the dashboard of the indicators it owns and the others; the Management
Representative keeps the indicators (targets, closing a month, the review) and signs the review;
Sales and Materials enter the figures that live outside CSC (collection rate, premium freight).
"""

from csc.core.choices import Role
from csc.core.roles import MANAGEMENT

VIEW = ["kpi.view_kpi", "kpi.view_snapshot", "kpi.view_managementreview"]
ENTER = [*VIEW, "kpi.add_snapshot"]
KEEPER = [
    *ENTER,
    "kpi.add_target",
    "kpi.close_period",
    "kpi.add_managementreview",
    "kpi.change_managementreview",
    "kpi.generate_managementreview",
]

GRANTS = {
    **{role: list(VIEW) for role in MANAGEMENT},
    Role.SALES: list(ENTER),
    Role.MATERIALS: list(ENTER),
    Role.QUALITY: list(ENTER),
    Role.SERVICE: list(VIEW),
    Role.WAREHOUSE: list(VIEW),
    Role.PRODUCTION: list(VIEW),
    Role.ENGINEERING: list(VIEW),
    Role.MANAGEMENT_REP: [*KEEPER, "kpi.sign_managementreview"],
    Role.GENERAL_MANAGER: [*VIEW, "kpi.sign_managementreview"],
}
