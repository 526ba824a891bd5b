"""Default permissions of each role on contract and order review."""

from csc.core.choices import Role
from csc.core.roles import STAFF_ROLES

READ = [
    "orders.view_product",
    "orders.view_order",
    "orders.view_orderline",
    "orders.view_reviewversion",
    "orders.view_reviewitem",
    "orders.view_reviewsection",
    "orders.view_reviewdelegate",
    "orders.view_productionorder",
    "orders.view_shipment",
    "orders.view_shipmentline",
    "orders.view_orderchange",
    "orders.view_orderquestion",
    "orders.view_liaisonmemo",
    "orders.view_presalesrequest",
    "orders.view_order_kpi",
    "orders.add_orderquestion",
    "orders.add_liaisonmemo",
    "orders.change_liaisonmemo",
]

GRANTS = {
    **{role: list(READ) for role in STAFF_ROLES},
    Role.SALES: [
        *READ,
        "orders.add_product",
        "orders.change_product",
        "orders.add_order",
        "orders.change_order",
        "orders.issue_production_order",
        "orders.ship_order",
        "orders.export_order",
        "orders.change_orderquestion",
        "orders.add_presalesrequest",
    ],
    Role.ENGINEERING: [
        *READ,
        "orders.sign_engineering",
        "orders.change_orderquestion",
        "orders.add_product",
        "orders.change_product",
    ],
    Role.QUALITY: [*READ, "orders.sign_quality", "orders.change_orderquestion"],
    Role.MATERIALS: [
        *READ,
        "orders.sign_materials",
        "orders.request_internal_change",
        "orders.schedule_production",
    ],
    Role.PRODUCTION: [*READ, "orders.schedule_production"],
    Role.WAREHOUSE: [*READ, "orders.ship_order"],
    Role.GENERAL_MANAGER: [
        *READ,
        "orders.approve_order",
        "orders.export_order",
        "orders.add_reviewdelegate",
        "orders.decide_any_presales",
    ],
    Role.VICE_PRESIDENT: [*READ, "orders.approve_change", "orders.export_order"],
    Role.ADMINISTRATOR: [*READ, "orders.add_reviewdelegate", "orders.export_order"],
    Role.CUSTOMER_CONTACT: [
        "orders.view_order",
        "orders.view_orderline",
        "orders.view_shipment",
        "orders.view_shipmentline",
        "orders.add_order",
        "orders.add_orderquestion",
        "orders.view_orderquestion",
        "orders.view_product",
    ],
}
