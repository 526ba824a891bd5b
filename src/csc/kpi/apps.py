"""The KPI area's contract with core: the indicator list, dashboard and management review
(KPI-1…3), audit evidence packs and the list of
forms (REC-1)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class KpiConfig(AreaConfig):
    name = "csc.kpi"
    label = "kpi"
    verbose_name = _("KPIs and management review")
    menu = Menu(
        "kpi",
        _("KPIs"),
        80,
        (
            (10, _("Indicator dashboard"), "kpi:dashboard", "kpi.view_kpi"),
            (20, _("Management reviews"), "kpi:reviews", "kpi.view_managementreview"),
            (30, _("Audit evidence"), "kpi:evidence", "kpi.view_kpi"),
            (40, _("Forms and records"), "kpi:forms", "kpi.view_kpi"),
        ),
    )
    panels = ((15, "kpi/panel.html", "csc.kpi.panels.customer_panel", "kpi.view_kpi"),)
    grants = "csc.kpi.grants.GRANTS"
    demo = "csc.kpi.demo.load"
    api = "csc.kpi.api.register"
    urls = "csc.kpi.urls"
    resources = "csc.kpi.tests.resources.RESOURCES"
    kpis = "csc.kpi.manual.INDICATORS"
    jobs = {
        "kpi.review_pack": "csc.kpi.jobs.review_pack_job",
        "kpi.evidence_pack": "csc.kpi.evidence_pack.evidence_pack_job",
    }
