from django.urls import path

from . import views

app_name = "capa"

urlpatterns = [
    path("", views.capa_list, name="list"),
    path("new/", views.capa_new, name="new"),
    path("bulk/", views.capa_bulk, name="bulk"),
    path("<int:pk>/", views.capa_detail, name="detail"),
    path("<int:pk>/edit/", views.capa_edit, name="edit"),
    path("<int:pk>/notice.pdf", views.capa_pdf, name="pdf"),
    path("<int:pk>/<slug:step>/", views.capa_step, name="step"),
]
