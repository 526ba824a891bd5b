from django.urls import path

from . import views

app_name = "property"

urlpatterns = [
    path("", views.items.register, name="register"),
    path("export/", views.items.register_export, name="register-export"),
    path("register.pdf", views.items.register_pdf, name="register-pdf"),
    path("new/", views.items.item_new, name="new"),
    path("sign-for/", views.items.sign_for, name="sign-for"),
    path("<int:pk>/", views.items.item_detail, name="detail"),
    path("<int:pk>/edit/", views.items.item_edit, name="edit"),
    path("<int:pk>/<slug:step>/", views.items.item_step, name="step"),
    path("lots/", views.lots.lot_list, name="lots"),
    path("lots/<int:pk>/", views.lots.lot_detail, name="lot"),
    path("lots/<int:pk>/<slug:step>/", views.lots.lot_step, name="lot-step"),
    path("ledger/", views.ledger.ledger, name="ledger"),
    path("ledger/export/", views.ledger.ledger_export, name="ledger-export"),
    path("anomalies/", views.anomalies.anomaly_list, name="anomalies"),
    path("anomalies/<int:pk>/", views.anomalies.anomaly_detail, name="anomaly"),
    path("anomalies/<int:pk>/<slug:step>/", views.anomalies.anomaly_step, name="anomaly-step"),
    path("stocktakes/", views.stocktakes.stocktake_list, name="stocktakes"),
    path("stocktakes/<int:pk>/", views.stocktakes.stocktake_detail, name="stocktake"),
    path("stocktakes/<int:pk>/sheet.pdf", views.stocktakes.count_sheet_pdf, name="count-sheet"),
    path(
        "stocktakes/<int:pk>/<slug:step>/", views.stocktakes.stocktake_step, name="stocktake-step"
    ),
    path("checks/", views.checks.check_list, name="checks"),
    path("kpi/", views.checks.kpi_page, name="kpi"),
]
