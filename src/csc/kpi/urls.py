from django.urls import path

from . import views

app_name = "kpi"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("close-month/", views.close_month, name="close-month"),
    path("scorecard/<int:customer>.pdf", views.scorecard_pdf, name="scorecard"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/generate/", views.review_generate, name="review-generate"),
    path("reviews/<int:pk>/sign/", views.review_sign, name="review-sign"),
    path("reviews/<int:pk>/pack.<slug:kind>", views.review_file, name="review-file"),
    path("evidence/", views.evidence_list, name="evidence"),
    path("evidence/<slug:code>/", views.evidence_generate, name="evidence-generate"),
    path("forms/", views.form_list, name="forms"),
    path("<slug:code>/", views.indicator_detail, name="indicator"),
    path("<slug:code>/target/", views.set_target, name="target"),
    path("<slug:code>/value/", views.enter_value, name="value"),
]
