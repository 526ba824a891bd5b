from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.retention, name="list"),
    path("hold/", views.hold, name="hold"),
    path("hold/<int:pk>/release/", views.release, name="release"),
]
