"""Default permissions of each role on after-sales records.

Customer Service and Sales register 三包 claims and keep their costs; Quality assesses the
cause, decides and writes the analysis of early warnings; Sales records service agreements and
the notice of a warning to the customer, plans visits and reports them; the VP or GM
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
]
CLAIMS = [*READ, "aftersales.add_warrantyclaim", "aftersales.change_warrantyclaim"]
EXPORT = ["aftersales.export_warrantyclaim"]

GRANTS = {
    **{role: [*READ, *EXPORT] for role in MANAGEMENT},
    # The responsible leader approves the annual visit plans (S2 5.7.1).
    Role.VICE_PRESIDENT: [*READ, *EXPORT, "aftersales.approve_visitplan"],
    Role.GENERAL_MANAGER: [*READ, *EXPORT, "aftersales.approve_visitplan"],
    Role.SERVICE: [*CLAIMS, *EXPORT],
    Role.SALES: [
        *CLAIMS,
        *EXPORT,
        "aftersales.add_serviceagreement",
        "aftersales.notify_earlywarning",
        "aftersales.add_visitplan",
        "aftersales.change_visitplan",
        "aftersales.add_visitreport",
        # S2 5.8: Sales organises the service staff's skills training.
        "aftersales.add_training",
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
