"""REST endpoints of after-sales (IF-3): ``warranty-claims``, ``service-agreements``,
``early-warnings``, ``visit-plans``, ``visit-reports`` and ``trainings``."""

from .claims import ServiceAgreementViewSet, WarrantyClaimViewSet
from .records import EarlyWarningViewSet, TrainingViewSet, VisitPlanViewSet, VisitReportViewSet


def register(router):
    router.register("warranty-claims", WarrantyClaimViewSet, basename="warranty-claim")
    router.register("service-agreements", ServiceAgreementViewSet, basename="service-agreement")
    router.register("early-warnings", EarlyWarningViewSet, basename="early-warning")
    router.register("visit-plans", VisitPlanViewSet, basename="visit-plan")
    router.register("visit-reports", VisitReportViewSet, basename="visit-report")
    router.register("trainings", TrainingViewSet, basename="training")
