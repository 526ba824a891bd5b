"""The demo company holds customer property in every state the pages show."""

from django.db.models import Sum

from csc.core import audit
from csc.core import demo as core_demo
from csc.customers import demo as customers_demo
from csc.property import demo
from csc.property.models import Anomaly, ConditionCheck, Lot, Movement, PropertyItem, Stocktake


def test_the_demo_loads_property_in_every_state_and_only_once(people):
    users = core_demo.load_people()
    with audit.acting_as(users["admin"]):
        customers_demo.load(users)
        demo.load(users)
        demo.load(users)  # a second run adds nothing
    assert PropertyItem.objects.count() == 8
    assert set(Lot.objects.values_list("status", flat=True)) >= {"accepted"}
    assert Lot.objects.filter(disposition="sort", sorted_good=2400).exists()
    assert set(Anomaly.objects.values_list("status", flat=True)) == {"closed", "reported"}
    assert Stocktake.objects.get().status == "posted"
    assert ConditionCheck.objects.filter(result="attention").exists()
    assert Movement.objects.aggregate(total=Sum("quantity"))["total"] > 0
