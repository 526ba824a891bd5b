from django.urls import path

from .views import detail, eightd, kpis, ledger, returns, reviews

app_name = "complaints"

urlpatterns = [
    path("", ledger.complaint_list, name="list"),
    path("new/", ledger.complaint_new, name="new"),
    path("submit/", ledger.portal_submit, name="submit"),
    path("export/", ledger.complaint_export, name="export"),
    path("bulk/", ledger.complaint_bulk, name="bulk"),
    path("kpis/", kpis.kpi_page, name="kpis"),
    path("<int:pk>/", detail.complaint_detail, name="detail"),
    path("<int:pk>/edit/", detail.complaint_edit, name="edit"),
    path("<int:pk>/feedback.pdf", detail.feedback_pdf, name="feedback-pdf"),
    path("<int:pk>/files/", detail.add_evidence, name="files"),
    path("<int:pk>/step/<slug:step>/", detail.complaint_step, name="step"),
    path("<int:pk>/replies/<int:reply_pk>/confirm/", detail.confirm_reply, name="confirm"),
    path("<int:pk>/replies/<int:reply_pk>/pdf/", detail.reply_pdf, name="reply-pdf"),
    path("<int:pk>/8d/", eightd.eightd_page, name="eightd"),
    path("<int:pk>/8d/pdf/", eightd.eightd_pdf, name="eightd-pdf"),
    path("<int:pk>/8d/close/", eightd.eightd_close, name="eightd-close"),
    path("<int:pk>/8d/sign/", eightd.eightd_sign, name="eightd-sign"),
    path("<int:pk>/8d/recurrence/", eightd.eightd_recurrence, name="eightd-recurrence"),
    path("<int:pk>/8d/<str:code>/", eightd.discipline_panel, name="discipline"),
    path("<int:pk>/8d/<str:code>/save/", eightd.discipline_save, name="discipline-save"),
    path("<int:pk>/8d/<str:code>/done/", eightd.discipline_done, name="discipline-done"),
    path("returns/", returns.return_list, name="returns"),
    path("returns/new/", returns.return_new, name="return-new"),
    path("returns/<int:pk>/", returns.return_detail, name="return"),
    path("returns/<int:pk>/<slug:kind>.pdf", returns.return_pdf, name="return-pdf"),
    path("returns/<int:pk>/<slug:step>/", returns.return_step, name="return-step"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/save/", reviews.review_save, name="review-save"),
    path("reviews/<int:pk>/close/", reviews.review_close, name="review-close"),
    path(
        "reviews/<int:pk>/lines/<int:line_pk>/confirm/",
        reviews.review_confirm,
        name="review-confirm",
    ),
]
