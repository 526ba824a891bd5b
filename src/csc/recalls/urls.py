from django.urls import path

from . import views

app_name = "recalls"

urlpatterns = [
    path("", views.recall_list, name="list"),
    path("export/", views.recall_export, name="export"),
    path("new/", views.recall_new, name="new"),
    path("<int:pk>/", views.recall_detail, name="detail"),
    path("<int:pk>/pdf/", views.recall_pdf, name="pdf"),
    path("<int:pk>/form/<slug:form>/", views.recall_form, name="form"),
    path("<int:pk>/step/<slug:step>/", views.recall_step, name="step"),
]
