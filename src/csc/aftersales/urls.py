from django.urls import path

from .views import agreements, claims, warnings

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
    path("warnings/", warnings.warning_list, name="warnings"),
    path("warnings/<int:pk>/", warnings.warning_detail, name="warning"),
    path("warnings/<int:pk>/<slug:step>/", warnings.warning_step, name="warning-step"),
]
