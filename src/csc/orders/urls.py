from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", views.order_new, name="new"),
    path("export/", views.order_export, name="export"),
    path("kpi/", views.kpi_page, name="kpi"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/edit/", views.order_edit, name="edit"),
    path("<int:pk>/pi.pdf", views.order_pi, name="pi"),
    path("<int:pk>/ship/", views.ship, name="ship"),
    path("<int:pk>/change/", views.change_new, name="change-new"),
    path("<int:pk>/diff/", views.version_diff, name="diff"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/versions/<int:number>/pdf/", views.version_pdf, name="version-pdf"),
    path("<int:pk>/step/<slug:step>/", views.order_step, name="step"),
    path("production-orders/<int:pk>/pdf/", views.production_order_pdf, name="production-pdf"),
    path("shipments/<int:pk>/", views.shipment_detail, name="shipment"),
    path("shipments/<int:pk>/confirm/", views.confirm_delivery, name="confirm-delivery"),
    path("shipments/<int:pk>/pdf/", views.shipment_pdf, name="shipment-pdf"),
    path("changes/", views.change_list, name="changes"),
    path("changes/<int:pk>/", views.change_detail, name="change"),
    path("changes/<int:pk>/pdf/", views.change_pdf, name="change-pdf"),
    path("questions/", views.question_list, name="questions"),
    path("questions/<int:pk>/<slug:step>/", views.question_step, name="question-step"),
    path("memos/", views.memo_list, name="memos"),
    path("memos/<int:pk>/", views.memo_detail, name="memo"),
    path("memos/<int:pk>/pdf/", views.memo_pdf, name="memo-pdf"),
    path("presales/", views.presales_list, name="presales"),
    path("presales/new/", views.presales_new, name="presales-new"),
    path("presales/<int:pk>/", views.presales_detail, name="presales-detail"),
    path("delegates/", views.delegates, name="delegates"),
    path("products/", views.products, name="products"),
]
