"""Contract / order review and delivery (ORD-1…ORD-10).

Other areas rely on ``Product``, ``Shipment`` and ``ShipmentLine`` as they are declared here:
complaints compute their rate and PPM from shipped quantities, surveys break results down by
product line, and the customer's purchase volume (CUS-7) is summed from shipments.
"""

from .base import Order, OrderLine, Product
from .changes import OrderChange
from .contact import LiaisonMemo, OrderQuestion, PresalesRequest
from .execution import ProductionOrder, Shipment, ShipmentLine
from .review import ReviewDelegate, ReviewItem, ReviewSection, ReviewVersion

__all__ = [
    "LiaisonMemo",
    "Order",
    "OrderChange",
    "OrderLine",
    "OrderQuestion",
    "PresalesRequest",
    "Product",
    "ProductionOrder",
    "ReviewDelegate",
    "ReviewItem",
    "ReviewSection",
    "ReviewVersion",
    "Shipment",
    "ShipmentLine",
]
