"""The peer mounted at the site's root, as its documentation suggests."""

from django.urls import include, path

urlpatterns = [path("", include("helpdesk.urls", namespace="helpdesk"))]
