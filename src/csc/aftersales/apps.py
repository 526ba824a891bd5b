from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftersalesConfig(AppConfig):
    name = "csc.aftersales"
    label = "aftersales"
    verbose_name = _("After-sales service")

    def ready(self):
        from csc.core import navigation
        from csc.customers import panels

        from .panels import customer_panel, field_panel

        navigation.section("aftersales", _("After-sales"), 45)
        for order, label, url_name, perm in [
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
        ]:  # fmt: skip
            navigation.link("aftersales", label, url_name, perm, order)
        panels.register(45, "aftersales/panel.html", customer_panel)
        panels.register(46, "aftersales/field_panel.html", field_panel)
