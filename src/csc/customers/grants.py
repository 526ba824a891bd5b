"""Default permissions of each role on the customer master."""

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

GRANTS = {
    **{role: list(READ) for role in STAFF_ROLES},
    Role.SALES: [
        *READ,
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
    Role.GENERAL_MANAGER: [*READ, "customers.view_bank_account", "customers.export_customer"],
    Role.ADMINISTRATOR: [
        *READ,
        "customers.change_customer",
        "customers.import_customer",
        "customers.export_customer",
        "customers.change_class",
    ],
    Role.CUSTOMER_CONTACT: ["customers.view_customer", "customers.view_contact"],
}
