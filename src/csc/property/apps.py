"""Customer property's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class PropertyConfig(AreaConfig):
    name = "csc.property"
    label = "property"
    verbose_name = _("Customer property")
    menu = Menu(
        "property",
        _("Customer property"),
        40,
        (
            (10, _("Register"), "property:register", "property.view_propertyitem"),
            (20, _("Receipts"), "property:lots", "property.view_lot"),
            (30, _("Ledger"), "property:ledger", "property.view_movement"),
            (40, _("Anomalies"), "property:anomalies", "property.view_anomaly"),
            (50, _("Stocktakes"), "property:stocktakes", "property.view_stocktake"),
            (60, _("Condition checks"), "property:checks", "property.view_conditioncheck"),
            (70, _("Damage / loss KPI"), "property:kpi", "property.view_anomaly"),
        ),
    )
    panels = (
        (
            40,
            "property/panel.html",
            "csc.property.panels.customer_property",
            "property.view_propertyitem",
        ),
    )
    work = "csc.property.work.work_for"
    grants = "csc.property.grants.GRANTS"
    demo = "csc.property.demo.load"
    api = "csc.property.api.register"
    urls = "csc.property.urls"
    resources = "csc.property.tests.resources.RESOURCES"
    search = "csc.property.filters.searchable"
    kpis = "csc.property.indicators.INDICATORS"
    jobs = {
        "property.export-register": "csc.property.jobs.register_job",
        "property.export-ledger": "csc.property.jobs.ledger_job",
    }
