"""REST API of customer property (IF-3): ``property-items`` and its sub-collections."""

from .views import (
    AnomalyViewSet,
    CheckViewSet,
    LotViewSet,
    MovementViewSet,
    PropertyItemViewSet,
    StocktakeViewSet,
)


def register(router):
    """Add the customer-property collections to the API router (IF-3 names)."""
    router.register("property-items", PropertyItemViewSet, basename="property-item")
    router.register("property-lots", LotViewSet, basename="property-lot")
    router.register("property-movements", MovementViewSet, basename="property-movement")
    router.register("property-anomalies", AnomalyViewSet, basename="property-anomaly")
    router.register("property-stocktakes", StocktakeViewSet, basename="property-stocktake")
    router.register("property-checks", CheckViewSet, basename="property-check")
