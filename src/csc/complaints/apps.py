from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "csc.complaints"
    label = "complaints"
    verbose_name = _("Complaints and returns")
    jobs = {"complaints.export": "csc.complaints.jobs.export_job"}

    def ready(self):
        from csc.core import navigation
        from csc.customers import panels

        from .panels import customer_panel

        navigation.section("complaints", _("Complaints"), 40)
        link = navigation.link
        link("complaints", _("Complaints"), "complaints:list", "complaints.view_complaint", 10)
        link("complaints", _("Returns"), "complaints:returns", "complaints.view_return", 20)
        link("complaints", _("KPIs"), "complaints:kpis", "complaints.view_kpi", 30)
        link(
            "complaints",
            _("Monthly reviews"),
            "complaints:reviews",
            "complaints.view_monthlyreview",
            40,
        )
        panels.register(40, "complaints/panel.html", customer_panel)
