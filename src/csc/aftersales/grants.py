"""Default permissions of each role on after-sales records.

Customer Service and Sales keep the field service records and register 三包 claims and keep their costs; Quality assesses the
cause, decides and writes the analysis of early warnings; Sales records service agreements and
the notice of a warning to the customer, plans visits and reports them; the finished-goods
store issues spare parts and counts repair returns; the VP or GM
approves visit plans; management reads everything.
"""

from csc.core.choices import Role
from csc.core.roles import MANAGEMENT

READ = [
    "aftersales.view_warrantyclaim",
    "aftersales.view_serviceagreement",
    "aftersales.view_earlywarning",
    "aftersales.view_visitplan",
    "aftersales.view_visitreport",
    "aftersales.view_training",
    "aftersales.view_servicestaff",
    "aftersales.view_fieldservicerecord",
    "aftersales.view_servicereceipt",
    "aftersales.view_sparepart",
    "aftersales.view_repairreturn",
    "aftersales.view_servicereport",
    "aftersales.view_servicesummary",
]
# Service staff keep their job records, take the receipt, request parts and send returns.
FIELD = [
    "aftersales.add_fieldservicerecord",
    "aftersales.change_fieldservicerecord",
    "aftersales.export_fieldservicerecord",
    "aftersales.add_sparepart",
    "aftersales.add_repairreturn",
]
CLAIMS = [*READ, "aftersales.add_warrantyclaim", "aftersales.change_warrantyclaim"]
EXPORT = ["aftersales.export_warrantyclaim"]

GRANTS = {
    **{role: [*READ, *EXPORT] for role in MANAGEMENT},
    # The responsible leader approves the annual visit plans (S2 5.7.1).
    # ... and sign off the service summary report Sales writes (S2 1.9.6).
    Role.VICE_PRESIDENT: [
        *READ,
        *EXPORT,
        "aftersales.approve_visitplan",
        "aftersales.sign_servicesummary",
    ],  # fmt: skip
    Role.GENERAL_MANAGER: [
        *READ,
        *EXPORT,
        "aftersales.approve_visitplan",
        "aftersales.sign_servicesummary",
    ],  # fmt: skip
    Role.SERVICE: [
        *CLAIMS,
        *EXPORT,
        *FIELD,
        "aftersales.add_servicestaff",
        "aftersales.change_servicestaff",
    ],
    # S2 5.3, 5.9: the finished-goods store issues spare parts and counts repair returns in.
    Role.WAREHOUSE: [
        "aftersales.view_fieldservicerecord",
        "aftersales.view_sparepart",
        "aftersales.view_repairreturn",
        "aftersales.issue_sparepart",
        "aftersales.receive_repairreturn",
    ],
    # A customer contact reads their own jobs, receipts and repair returns in the portal.
    Role.CUSTOMER_CONTACT: [
        "aftersales.view_fieldservicerecord",
        "aftersales.view_servicereceipt",
        "aftersales.view_repairreturn",
    ],
    Role.SALES: [
        *CLAIMS,
        *EXPORT,
        *FIELD,
        "aftersales.add_serviceagreement",
        "aftersales.notify_earlywarning",
        "aftersales.add_visitplan",
        "aftersales.change_visitplan",
        "aftersales.add_visitreport",
        # S2 1.9.6: Sales writes the half-yearly service summary's conclusions.
        "aftersales.add_servicesummary",
        "aftersales.change_servicesummary",
        # S2 5.8: Sales organises the service staff's skills training.
        "aftersales.add_training",
        # S2 1.9.4-1.9.5: Sales gets the weekly quality information and reports it on.
        "aftersales.receive_weeklyinformation",
    ],
    Role.QUALITY: [
        *CLAIMS,
        *EXPORT,
        "aftersales.assess_warrantyclaim",
        "aftersales.decide_warrantyclaim",
        "aftersales.analyse_earlywarning",
        "aftersales.change_earlywarning",
    ],
    Role.ENGINEERING: ["aftersales.view_warrantyclaim"],
    Role.PRODUCTION: ["aftersales.view_warrantyclaim"],
}
