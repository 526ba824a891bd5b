"""Order review's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class OrdersConfig(AreaConfig):
    name = "csc.orders"
    label = "orders"
    verbose_name = _("Orders")
    menu = Menu(
        "orders",
        _("Orders"),
        20,
        (
            (10, _("Order reviews"), "orders:list", "orders.view_order"),
            (20, _("Changes"), "orders:changes", "orders.view_orderchange"),
            (30, _("Questions"), "orders:questions", "orders.change_orderquestion"),
            (40, _("Liaison memos"), "orders:memos", "orders.view_liaisonmemo"),
            (50, _("Pre-sales requests"), "orders:presales", "orders.view_presalesrequest"),
            (60, _("Order KPIs"), "orders:kpi", "orders.view_order_kpi"),
            (70, _("Products"), "orders:products", "orders.view_product"),
            (80, _("Review delegates"), "orders:delegates", "orders.view_reviewdelegate"),
        ),
    )
    panels = ((20, "orders/panel.html", "csc.orders.panels.customer_orders", "orders.view_order"),)
    work = "csc.orders.work.work_for"
    grants = "csc.orders.grants.GRANTS"
    demo = "csc.orders.demo.load"
    api = "csc.orders.api.register"
    urls = "csc.orders.urls"
    resources = "csc.orders.tests.resources.RESOURCES"
    search = "csc.orders.filters.searchable"
    kpis = "csc.orders.indicators.INDICATORS"
    jobs = {"orders.export": "csc.orders.jobs.export_job"}
