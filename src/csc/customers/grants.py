"""Default permissions of each role on the customer master.

A contact person's phone and e-mail (SEC-2) go to the roles that speak to customers: Marketing,
customer service, Quality (complaints, IQC reports, survey results), Materials (it tells the
customer about their property, S0 5.2), the Management Representative and top management. The
other departments reach the customer through Marketing (ORD-8) and see the details masked.
"""

from csc.core.choices import Role
from csc.core.roles import STAFF_ROLES

READ = [
    "customers.view_customer",
    "customers.view_contact",
    "customers.view_classchange",
    "customers.view_creditchange",
    "customers.view_customeradmission",
    "customers.view_purchasevolume",
]

CONTACT_DETAILS = "customers.view_contact_details"

GRANTS = {
    **{role: list(READ) for role in STAFF_ROLES},
    Role.SALES: [
        *READ,
        CONTACT_DETAILS,
        "customers.change_customer",
        "customers.change_contact",
        "customers.add_contact",
        "customers.change_class",
        "customers.add_creditchange",
        "customers.add_customeradmission",
        "customers.change_customeradmission",
        "customers.export_customer",
    ],
    Role.VICE_PRESIDENT: [
        *READ,
        CONTACT_DETAILS,
        "customers.approve_credit",
        "customers.view_bank_account",
        "customers.export_customer",
    ],
    Role.VP_ASSISTANT: [
        *READ,
        "customers.approve_annual_credit",
        "customers.view_bank_account",
        "customers.export_customer",
    ],
    Role.GENERAL_MANAGER: [
        *READ,
        CONTACT_DETAILS,
        "customers.view_bank_account",
        "customers.export_customer",
    ],
    Role.SERVICE: [*READ, CONTACT_DETAILS],
    Role.QUALITY: [*READ, CONTACT_DETAILS],
    Role.MATERIALS: [*READ, CONTACT_DETAILS],
    Role.MANAGEMENT_REP: [*READ, CONTACT_DETAILS],
    Role.ADMINISTRATOR: [
        *READ,
        "customers.change_customer",
        "customers.import_customer",
        "customers.export_customer",
        "customers.change_class",
    ],
    Role.CUSTOMER_CONTACT: ["customers.view_customer", "customers.view_contact"],
}
