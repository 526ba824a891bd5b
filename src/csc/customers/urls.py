from django.urls import path

from . import views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list, name="list"),
    path("export/", views.customer_export, name="export"),
    path("import/", views.customer_import, name="import"),
    path("<int:pk>/", views.customer_detail, name="detail"),
    path("<int:pk>/edit/", views.customer_edit, name="edit"),
    path("<int:pk>/panels/<slug:key>/", views.customer_panel, name="panel"),
    path("<int:pk>/bank-account/", views.reveal_bank_account, name="reveal-bank-account"),
    path("<int:pk>/class/", views.change_class, name="change-class"),
    path("<int:pk>/credit/", views.request_credit_change, name="request-credit"),
    path("<int:pk>/contacts/new/", views.contact_edit, name="contact-new"),
    path("<int:pk>/contacts/<int:contact_pk>/", views.contact_edit, name="contact-edit"),
    path("admissions/", views.admission_list, name="admissions"),
    path("admissions/new/", views.admission_new, name="admission-new"),
    path("admissions/<int:pk>/", views.admission_detail, name="admission"),
    path("admissions/<int:pk>/form.pdf", views.admission_pdf, name="admission-pdf"),
    path("admissions/<int:pk>/<slug:step>/", views.admission_step, name="admission-step"),
    path("credit-changes/", views.credit_change_list, name="credit-changes"),
    path("credit-changes/<int:pk>/", views.credit_change_detail, name="credit-change"),
]
