"""Default permissions of each role on the service desk.

Customer service (用户服务处) and Sales take, assign and handle requests; the other staff read
them (an information feedback may reach any department); a customer contact opens and follows
their own requests in the portal.
"""

from csc.core.choices import Role
from csc.core.roles import STAFF_ROLES

READ = [
    "service.view_servicerequest",
    "service.view_message",
    "service.view_team",
    "service.view_feedbacksheet",
]
HANDLE = [
    *READ,
    "service.add_servicerequest",
    "service.change_servicerequest",
    "service.handle_servicerequest",
    "service.assign_servicerequest",
    "service.export_servicerequest",
    "service.view_slareport",
    "service.add_message",
    "service.add_feedbacksheet",
    "service.view_inboundemail",
    "service.triage_inboundemail",
]

GRANTS = {
    **{role: list(READ) for role in STAFF_ROLES},
    Role.SERVICE: [*HANDLE, "service.change_team", "service.add_assignmentrule",
                   "service.change_assignmentrule", "service.view_assignmentrule"],
    Role.SALES: list(HANDLE),
    Role.MANAGEMENT_REP: [*READ, "service.export_servicerequest", "service.assign_servicerequest",
                          "service.view_slareport"],
    Role.CUSTOMER_CONTACT: [
        "service.view_servicerequest",
        "service.add_servicerequest",
        "service.view_message",
    ],
}  # fmt: skip
