from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropertyConfig(AppConfig):
    name = "csc.property"
    label = "property"
    verbose_name = _("Customer property")
    jobs = {
        "property.export-register": "csc.property.jobs.register_job",
        "property.export-ledger": "csc.property.jobs.ledger_job",
    }

    def ready(self):
        from csc.core import navigation
        from csc.customers import panels

        from .panels import customer_property

        navigation.section("property", _("Customer property"), 40)
        for order, label, url_name, perm in [
            (10, _("Register"), "property:register", "property.view_propertyitem"),
            (20, _("Receipts"), "property:lots", "property.view_lot"),
            (30, _("Ledger"), "property:ledger", "property.view_movement"),
            (40, _("Anomalies"), "property:anomalies", "property.view_anomaly"),
            (50, _("Stocktakes"), "property:stocktakes", "property.view_stocktake"),
            (60, _("Condition checks"), "property:checks", "property.view_conditioncheck"),
            (70, _("Damage / loss KPI"), "property:kpi", "property.view_anomaly"),
        ]:
            navigation.link("property", label, url_name, perm, order)
        panels.register(40, "property/panel.html", customer_property)
