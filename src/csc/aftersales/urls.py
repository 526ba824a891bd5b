from django.urls import path

from . import public
from .views import agreements, claims, field, report, returns, training, visits, warnings

app_name = "aftersales"

urlpatterns = [
    path("claims/", claims.claim_list, name="claims"),
    path("claims/new/", claims.claim_new, name="claim-new"),
    path("claims/export/", claims.claim_export, name="claim-export"),
    path("claims/<int:pk>/", claims.claim_detail, name="claim"),
    path("claims/<int:pk>/costs/", claims.claim_costs, name="claim-costs"),
    path("claims/<int:pk>/pdf/", claims.claim_print, name="claim-pdf"),
    path("claims/<int:pk>/<slug:step>/", claims.claim_step, name="claim-step"),
    path("agreements/", agreements.agreement_list, name="agreements"),
    path("export/<slug:kind>/", agreements.sheet_export, name="export"),
    path("warnings/", warnings.warning_list, name="warnings"),
    path("warnings/<int:pk>/", warnings.warning_detail, name="warning"),
    path("warnings/<int:pk>/<slug:step>/", warnings.warning_step, name="warning-step"),
    path("visits/plans/", visits.plan_list, name="plans"),
    path("visits/plans/new/", visits.plan_new, name="plan-new"),
    path("visits/plans/<int:pk>/", visits.plan_detail, name="plan"),
    path("visits/plans/<int:pk>/<slug:step>/", visits.plan_step, name="plan-step"),
    path("visits/reports/", visits.report_list, name="reports"),
    path("visits/reports/new/", visits.report_new, name="report-new"),
    path("visits/reports/<int:pk>/", visits.report_detail, name="report"),
    path("visits/reports/<int:pk>/report.pdf", visits.report_pdf, name="report-pdf"),
    path("training/", training.training_list, name="trainings"),
    path("training/new/", training.training_new, name="training-new"),
    path("training/<int:pk>/", training.training_detail, name="training"),
    path("field/", field.record_list, name="field-records"),
    path("field/new/", field.record_new, name="field-new"),
    path("field/export/", field.record_export, name="field-export"),
    path("field/<int:pk>/", field.record_detail, name="field-record"),
    path("field/<int:pk>/pdf/", field.record_print, name="field-pdf"),
    path("field/<int:pk>/signature.png", field.record_signature, name="field-signature"),
    path("field/<int:pk>/sign/", field.record_sign, name="field-sign"),
    path("field/<int:pk>/link/", field.record_link, name="field-link"),
    path("field/<int:pk>/edit/", field.record_edit, name="field-edit"),
    path("field/<int:pk>/parts/", field.part_request, name="part-request"),
    path("field/<int:pk>/<slug:step>/", field.record_step, name="field-step"),
    path("parts/<int:pk>/<slug:step>/", field.part_step, name="part-step"),
    path("staff/", field.staff_list, name="staff"),
    path("returns/", returns.return_list, name="repair-returns"),
    path("returns/<int:pk>/receive/", returns.return_receive, name="repair-return-receive"),
    path("returns/<int:pk>/pdf/", returns.return_print, name="repair-return-pdf"),
    path("service-report/", report.report_page, name="service-report"),
    path("service-report/pdf/", report.report_pdf, name="service-report-pdf"),
    path("service-report/xlsx/", report.report_xlsx, name="service-report-xlsx"),
    path(
        "service-report/conclusions/", report.report_conclusions, name="service-report-conclusions"
    ),
    path("service-report/sign/", report.report_sign, name="service-report-sign"),
    path("weekly/", report.weekly_page, name="weekly"),
    path("weekly/xlsx/", report.weekly_xlsx, name="weekly-xlsx"),
    # The customer's page: no login, the one-time token is the key.
    path("receipt/<str:token>/", public.confirm, name="receipt-confirm"),
]
