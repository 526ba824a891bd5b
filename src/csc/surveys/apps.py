"""Satisfaction surveys' contract with core (how the area plugs in)."""

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class SurveysConfig(AreaConfig):
    name = "csc.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")
    menu = Menu(
        "surveys",
        _("Satisfaction surveys"),
        50,
        (
            (10, _("Survey rounds"), "surveys:rounds", "surveys.view_surveyround"),
            (20, _("Answers"), "surveys:responses", "surveys.view_surveyresponse"),
            (30, _("Survey plans"), "surveys:plans", "surveys.view_surveyplan"),
            (40, _("Questionnaires"), "surveys:templates", "surveys.view_surveytemplate"),
            (50, _("Satisfaction trend"), "surveys:trend", "surveys.view_surveyround"),
        ),
    )
    panels = (
        (
            60,
            "surveys/panel_customer.html",
            "csc.surveys.panels.customer_scores",
            "surveys.view_surveyresponse",
        ),
    )
    work = "csc.surveys.work.work_for"
    grants = "csc.surveys.grants.GRANTS"
    demo = "csc.surveys.demo.load"
    api = "csc.surveys.api.register"
    urls = "csc.surveys.urls"
    resources = "csc.surveys.tests.resources.RESOURCES"
    search = "csc.surveys.filters.searchable"
    kpis = "csc.surveys.indicators.INDICATORS"
    jobs = {"surveys.report": "csc.surveys.jobs.report_job"}

    def ready(self):
        from .defaults import ensure_default_templates

        super().ready()
        post_migrate.connect(ensure_default_templates, sender=self, dispatch_uid="csc-surveys")
