"""Default permissions of each role on corrective and preventive actions.

Every department works on the actions routed to it; Quality and the Management
Representative open actions by hand, verify effectiveness and cancel.
"""

from csc.core.choices import Role
from csc.core.roles import STAFF_ROLES

WORK = ["capa.view_capa", "capa.change_capa"]
MANAGE = [*WORK, "capa.verify_capa", "capa.manage_capa"]

GRANTS = {
    **{role: ["capa.view_capa"] for role in STAFF_ROLES},
    Role.SALES: list(WORK),
    Role.ENGINEERING: list(WORK),
    Role.MATERIALS: list(WORK),
    Role.PRODUCTION: list(WORK),
    Role.WAREHOUSE: list(WORK),
    Role.SERVICE: list(WORK),
    Role.QUALITY: list(MANAGE),
    Role.MANAGEMENT_REP: list(MANAGE),
}
