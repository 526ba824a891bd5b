"""Complaints' contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class ComplaintsConfig(AreaConfig):
    name = "csc.complaints"
    label = "complaints"
    verbose_name = _("Complaints and returns")
    menu = Menu(
        "complaints",
        _("Complaints"),
        40,
        (
            (10, _("Complaints"), "complaints:list", "complaints.view_complaint"),
            (20, _("Returns"), "complaints:returns", "complaints.view_return"),
            (30, _("KPIs"), "complaints:kpis", "complaints.view_kpi"),
            (40, _("Monthly reviews"), "complaints:reviews", "complaints.view_monthlyreview"),
        ),
    )
    panels = (
        (
            40,
            "complaints/panel.html",
            "csc.complaints.panels.customer_panel",
            "complaints.view_complaint",
        ),
    )
    work = "csc.complaints.work.work_for"
    grants = "csc.complaints.grants.GRANTS"
    demo = "csc.complaints.demo.load"
    api = "csc.complaints.api.register"
    urls = "csc.complaints.urls"
    resources = "csc.complaints.tests.resources.RESOURCES"
    search = "csc.complaints.filters.searchable"
    kpis = "csc.complaints.indicators.INDICATORS"
    jobs = {"complaints.export": "csc.complaints.jobs.export_job"}
    exports = {"complaints": "csc.complaints.actions.export_complaints"}
