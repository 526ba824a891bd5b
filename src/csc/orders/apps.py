from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "csc.orders"
    label = "orders"
    verbose_name = _("Orders")
    jobs = {"orders.export": "csc.orders.jobs.export_job"}

    def ready(self):
        from csc.core import navigation
        from csc.customers import panels

        from .panels import customer_orders

        navigation.section("orders", _("Orders"), 20)
        for order, label, url_name, perm in [
            (10, _("Order reviews"), "orders:list", "orders.view_order"),
            (20, _("Changes"), "orders:changes", "orders.view_orderchange"),
            (30, _("Questions"), "orders:questions", "orders.change_orderquestion"),
            (40, _("Liaison memos"), "orders:memos", "orders.view_liaisonmemo"),
            (50, _("Pre-sales requests"), "orders:presales", "orders.view_presalesrequest"),
            (60, _("Order KPIs"), "orders:kpi", "orders.view_order_kpi"),
            (70, _("Products"), "orders:products", "orders.view_product"),
            (80, _("Review delegates"), "orders:delegates", "orders.view_reviewdelegate"),
        ]:
            navigation.link("orders", label, url_name, perm, order)
        panels.register(20, "orders/panel.html", customer_orders)
