"""Drawing a round's sample (SUR-4) and writing its invitations; called inside ``open_round``.

All admitted A and B customers are surveyed; C customers are drawn at random with the round's
seed, so that they make up the round's share of all surveys sent. The draw is recorded (seed,
size of the C population and a digest of its ids) and ``rules.draw`` redoes it exactly.
"""

from django.db.models import OuterRef, Subquery, Sum, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from csc.core.encryption import decrypt
from csc.customers.choices import ABCClass
from csc.customers.models import Contact, Customer
from csc.orders.models import Product, ShipmentLine

from . import rules
from .models import SurveyInvitation

BATCH = 2000


def population():
    """Return the customers a survey may go to: those admitted and active."""
    return Customer.objects.admitted()


def draw_for(survey_round, seed):
    """Return (A/B ids, C population ids, drawn C ids) for a round and a seed."""
    customers = population()
    ab_ids = list(
        customers.filter(abc_class__in=[ABCClass.A, ABCClass.B])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    c_ids = list(customers.filter(abc_class=ABCClass.C).order_by("pk").values_list("pk", flat=True))
    quota = rules.c_quota(len(ab_ids), len(c_ids), survey_round.c_share)
    return ab_ids, c_ids, rules.draw(seed, c_ids, quota)


def create_invitations(survey_round, ab_ids, drawn_ids):
    """Write one invitation per sampled customer, with the address and product to ask about."""
    drawn = set(drawn_ids)
    wanted = set(ab_ids) | drawn
    rows = _customer_rows(survey_round)
    lines = _product_lines()
    batch = []
    for pk, abc_class, language, email, product_id in rows:
        if pk not in wanted:
            continue
        batch.append(
            SurveyInvitation(
                round=survey_round,
                customer_id=pk,
                abc_class=abc_class,
                drawn=pk in drawn,
                email=decrypt(email or ""),  # a contact's address is stored encrypted
                language=language,
                product_id=product_id,
                product_line=lines.get(product_id, ""),
            )
        )
        if len(batch) >= BATCH:
            SurveyInvitation.objects.bulk_create(batch)
            batch = []
    SurveyInvitation.objects.bulk_create(batch)
    return len(wanted)


def _customer_rows(survey_round):
    """Return (id, class, language, e-mail, main product) of every customer that may be asked.

    The address is the primary contact's, else the first contact's, else the customer's own.
    The product is the one the customer took most of in the round's period (product-line
    statistics, SUR-6); none if nothing was shipped.
    """
    contact_email = (
        Contact.objects.filter(customer=OuterRef("pk"))
        .exclude(email="")
        .order_by("-is_primary", "pk")
        .values("email")[:1]
    )
    main_product = (
        ShipmentLine.objects.filter(
            customer=OuterRef("pk"),
            shipped_on__gte=survey_round.period_start,
            shipped_on__lte=survey_round.period_end,
        )
        .values("product")
        .annotate(total=Sum("quantity"))
        .order_by("-total", "product")
        .values("product")[:1]
    )
    return (
        population()
        .annotate(
            # The contact's address is stored encrypted (text), the customer's plain.
            survey_email=Coalesce(
                Subquery(contact_email), NullIf("email", Value("")), output_field=TextField()
            ),
            main_product=Subquery(main_product),
        )
        .order_by("pk")
        .values_list("pk", "abc_class", "language", "survey_email", "main_product")
        .iterator(chunk_size=BATCH)
    )


def _product_lines():
    return dict(Product.objects.exclude(product_line="").values_list("pk", "product_line"))
