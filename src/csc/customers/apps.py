from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "csc.customers"
    label = "customers"
    verbose_name = _("Customers")
    jobs = {
        "customers.export": "csc.customers.jobs.export_job",
        "customers.import": "csc.customers.jobs.import_job",
    }

    def ready(self):
        from csc.core import navigation

        navigation.section("customers", _("Customers"), 10)
        navigation.link(
            "customers", _("Customer list"), "customers:list", "customers.view_customer", 10
        )
        navigation.link(
            "customers",
            _("Admissions"),
            "customers:admissions",
            "customers.view_customeradmission",
            20,
        )
        navigation.link(
            "customers",
            _("Credit changes"),
            "customers:credit-changes",
            "customers.view_creditchange",
            30,
        )
