"""The customer master's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class CustomersConfig(AreaConfig):
    name = "csc.customers"
    label = "customers"
    verbose_name = _("Customers")
    menu = Menu(
        "customers",
        _("Customers"),
        10,
        (
            (10, _("Customer list"), "customers:list", "customers.view_customer"),
            (20, _("Admissions"), "customers:admissions", "customers.view_customeradmission"),
            (30, _("Credit changes"), "customers:credit-changes", "customers.view_creditchange"),
        ),
    )
    work = "csc.customers.work.work_for"
    grants = "csc.customers.grants.GRANTS"
    demo = "csc.customers.demo.load"
    api = "csc.customers.api.register"
    urls = "csc.customers.urls"
    resources = "csc.customers.tests.resources.RESOURCES"
    search = "csc.customers.filters.searchable"
    jobs = {
        "customers.export": "csc.customers.jobs.export_job",
        "customers.import": "csc.customers.jobs.import_job",
    }
    imports = {"customers": "csc.customers.actions.import_customers"}
    exports = {"customers": "csc.customers.actions.export_customers"}
