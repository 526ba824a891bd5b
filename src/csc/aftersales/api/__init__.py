"""REST endpoints of after-sales (IF-3): ``warranty-claims``, ``service-agreements``,
``early-warnings``, ``visit-plans``, ``visit-reports``, ``trainings``, and field service:
``field-service-records``, ``spare-parts``, ``service-staff`` and ``repair-returns``."""

from .claims import ServiceAgreementViewSet, WarrantyClaimViewSet
from .field import (
    FieldServiceRecordViewSet,
    RepairReturnViewSet,
    ServiceStaffViewSet,
    SparePartViewSet,
)
from .records import EarlyWarningViewSet, TrainingViewSet, VisitPlanViewSet, VisitReportViewSet


def register(router):
    router.register("warranty-claims", WarrantyClaimViewSet, basename="warranty-claim")
    router.register("service-agreements", ServiceAgreementViewSet, basename="service-agreement")
    router.register("early-warnings", EarlyWarningViewSet, basename="early-warning")
    router.register("visit-plans", VisitPlanViewSet, basename="visit-plan")
    router.register("visit-reports", VisitReportViewSet, basename="visit-report")
    router.register("trainings", TrainingViewSet, basename="training")
    router.register("field-service-records", FieldServiceRecordViewSet, basename="field-service-record")  # fmt: skip
    router.register("spare-parts", SparePartViewSet, basename="spare-part")
    router.register("service-staff", ServiceStaffViewSet, basename="service-staff")
    router.register("repair-returns", RepairReturnViewSet, basename="repair-return")
