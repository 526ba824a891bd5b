"""After-sales service's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class AftersalesConfig(AreaConfig):
    name = "csc.aftersales"
    label = "aftersales"
    verbose_name = _("After-sales service")
    menu = Menu(
        "aftersales",
        _("After-sales"),
        45,
        (
            (10, _("三包 claims"), "aftersales:claims", "aftersales.view_warrantyclaim"),
            (20, _("Service agreements"), "aftersales:agreements", "aftersales.view_serviceagreement"),
            (30, _("Early warnings"), "aftersales:warnings", "aftersales.view_earlywarning"),
            (40, _("Visit plans"), "aftersales:plans", "aftersales.view_visitplan"),
            (50, _("Visit reports"), "aftersales:reports", "aftersales.view_visitreport"),
            (60, _("Training and evaluation"), "aftersales:trainings", "aftersales.view_training"),
            (70, _("Field service records"), "aftersales:field-records", "aftersales.view_fieldservicerecord"),
            (75, _("Repair returns"), "aftersales:repair-returns", "aftersales.view_repairreturn"),
            (80, _("Service staff"), "aftersales:staff", "aftersales.view_servicestaff"),
            (85, _("Service summary report"), "aftersales:service-report", "aftersales.view_servicereport"),
            (86, _("Weekly quality information"), "aftersales:weekly", "aftersales.view_servicereport"),
        ),
    )  # fmt: skip
    panels = (
        (
            45,
            "aftersales/panel.html",
            "csc.aftersales.panels.customer_panel",
            "aftersales.view_warrantyclaim",
        ),
        (
            46,
            "aftersales/field_panel.html",
            "csc.aftersales.panels.field_panel",
            "aftersales.view_fieldservicerecord",
        ),
    )
    work = "csc.aftersales.work.work_for"
    grants = "csc.aftersales.grants.GRANTS"
    demo = "csc.aftersales.demo.load"
    api = "csc.aftersales.api.register"
    urls = "csc.aftersales.urls"
    resources = "csc.aftersales.tests.resources.RESOURCES"
    kpis = "csc.aftersales.indicators.INDICATORS"
