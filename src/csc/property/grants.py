"""Default permissions of each role on customer property (S0 5.2, GJB9001 顾客财产控制程序)."""

from csc.core.choices import Role
from csc.core.roles import STAFF_ROLES

READ = [
    "property.view_propertyitem",
    "property.view_lot",
    "property.view_movement",
    "property.view_anomaly",
    "property.view_stocktake",
    "property.view_stocktakeline",
    "property.view_conditioncheck",
    # Any department that finds something wrong reports it to Materials (S0 5.2.3).
    "property.add_anomaly",
]

STOCK = [
    "property.add_propertyitem",
    "property.change_propertyitem",
    "property.receive_property",
    "property.issue_property",
    "property.return_property",
    "property.check_property",
    "property.add_stocktake",
    "property.count_stock",
    "property.export_property",
]

GRANTS = {
    **{role: list(READ) for role in STAFF_ROLES},
    # The warehouse receives, stores, issues and counts (职责 3).
    Role.WAREHOUSE: [*READ, *STOCK],
    # Materials (资材部) is told of every anomaly and speaks to the customer about it.
    Role.MATERIALS: [
        *READ,
        *STOCK,
        "property.notify_property_customer",
        "property.dispose_property",
        "property.confirm_anomaly",
    ],
    # Quality inspects received lots and sends the IQC report of a failed lot (S0 5.2.1).
    Role.QUALITY: [
        *READ,
        "property.inspect_property",
        "property.notify_property_customer",
        "property.export_property",
    ],
    # Marketing signs for samples and labels sent to it directly (S0 5.2.5).
    Role.SALES: [*READ, "property.sign_for_property", "property.export_property"],
    # Tooling and equipment in use: production and engineering keep their condition log.
    Role.PRODUCTION: [*READ, "property.check_property"],
    Role.ENGINEERING: [*READ, "property.check_property"],
    Role.PLANT_MANAGER: [*READ, "property.approve_stocktake", "property.export_property"],
    Role.GENERAL_MANAGER: [*READ, "property.approve_stocktake", "property.export_property"],
    Role.ADMINISTRATOR: [*READ, "property.change_propertyitem", "property.export_property"],
    # A customer sees the property the company holds for it, its ledger and its anomalies.
    Role.CUSTOMER_CONTACT: [
        "property.view_propertyitem",
        "property.view_lot",
        "property.view_movement",
        "property.view_anomaly",
        "property.view_conditioncheck",
    ],
}
