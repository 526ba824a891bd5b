from django.urls import path

from .views import detail, handover, ledger, mail, sla

app_name = "service"

urlpatterns = [
    path("", ledger.request_list, name="list"),
    path("mine/", ledger.my_queue, name="mine"),
    path("new/", ledger.request_new, name="new"),
    path("submit/", ledger.portal_submit, name="submit"),
    path("export/", ledger.request_export, name="export"),
    path("bulk/", ledger.request_bulk, name="bulk"),
    path("report/", sla.report_page, name="report"),
    path("report/export/", sla.report_export, name="report-export"),
    path("mail/", mail.quarantine, name="mail"),
    path("mail/<int:pk>/<slug:decision>/", mail.decide, name="mail-decide"),
    path("<int:pk>/", detail.request_detail, name="detail"),
    path("<int:pk>/edit/", detail.request_edit, name="edit"),
    path("<int:pk>/step/<slug:step>/", detail.request_step, name="step"),
    path("<int:pk>/files/", detail.add_file, name="files"),
    path("<int:pk>/sheets/", handover.send_sheet, name="sheet-send"),
    path("<int:pk>/sheets/<int:sheet_pk>/", handover.answer_sheet, name="sheet-answer"),
    path("<int:pk>/sheets/<int:sheet_pk>.pdf", handover.sheet_pdf, name="sheet-pdf"),
    path("<int:pk>/8d/", handover.escalate, name="escalate"),
]
