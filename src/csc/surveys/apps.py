from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "csc.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")
    jobs = {"surveys.report": "csc.surveys.jobs.report_job"}

    def ready(self):
        from csc.core import navigation
        from csc.customers import panels

        from .defaults import ensure_default_templates
        from .panels import customer_scores

        post_migrate.connect(ensure_default_templates, sender=self, dispatch_uid="csc-surveys")
        navigation.section("surveys", _("Satisfaction surveys"), 50)
        navigation.link(
            "surveys", _("Survey rounds"), "surveys:rounds", "surveys.view_surveyround", 10
        )
        navigation.link(
            "surveys", _("Answers"), "surveys:responses", "surveys.view_surveyresponse", 20
        )
        navigation.link(
            "surveys", _("Survey plans"), "surveys:plans", "surveys.view_surveyplan", 30
        )
        navigation.link(
            "surveys", _("Questionnaires"), "surveys:templates", "surveys.view_surveytemplate", 40
        )
        navigation.link(
            "surveys", _("Satisfaction trend"), "surveys:trend", "surveys.view_surveyround", 50
        )
        panels.register(60, "surveys/panel_customer.html", customer_scores)
