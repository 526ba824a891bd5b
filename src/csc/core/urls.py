from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("notifications/", views.notifications, name="notifications"),
    path("calendar/", views.calendar, name="calendar"),
    path("audit/", views.audit_trail, name="audit"),
    path("history/<int:content_type_id>/<str:object_id>/", views.record_history, name="history"),
    path(
        "attachments/<int:content_type_id>/<str:object_id>/",
        views.upload_attachment,
        name="attach",
    ),
    path("attachments/<int:pk>/", views.download_attachment, name="attachment"),
    path("views/save/", views.saved_view_save, name="view-save"),
    path("views/<int:pk>/delete/", views.saved_view_delete, name="view-delete"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="outbox-retry"),
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job-progress"),
    path("jobs/<int:pk>/file/", views.job_file, name="job-file"),
]
