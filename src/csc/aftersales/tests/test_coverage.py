"""The 三包 coverage engine on its boundaries (SVC-7, S2 5.6): period and mileage, whichever
ends first, exclusions each with its reason, and a service agreement overriding both."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csc.aftersales.choices import CoverageReason as R
from csc.aftersales.rules import Terms, add_months, coverage, terms_for

STANDARD = Terms(months=12, km=30_000)
BOUGHT = dt.date(2026, 3, 10)
MFG = "manufacturing"


@pytest.mark.parametrize(
    ("failed_on", "km", "defect", "exclusion", "reason"),
    [
        (dt.date(2027, 3, 9), 29_999, MFG, "", R.COVERED),  # the last day, the last km
        (dt.date(2027, 3, 10), 100, MFG, "", R.PERIOD_ENDED),  # the anniversary: ended
        (dt.date(2026, 6, 1), 30_000, MFG, "", R.MILEAGE_REACHED),  # km limit reached first
        (dt.date(2026, 6, 1), None, MFG, "", R.COVERED),  # no odometer reading: period only
        (dt.date(2026, 6, 1), 100, "material", "", R.COVERED),
        (dt.date(2026, 6, 1), 100, "other", "", R.NOT_ELIGIBLE),
        (dt.date(2026, 6, 1), 100, "unknown", "", R.PENDING),
        (dt.date(2026, 6, 1), 100, MFG, "installation_use", R.INSTALLATION_USE),
        (dt.date(2026, 6, 1), 100, MFG, "modification", R.MODIFICATION),
        (dt.date(2026, 6, 1), 100, MFG, "poor_upkeep", R.POOR_UPKEEP),
        (dt.date(2026, 6, 1), 100, MFG, "non_original", R.NON_ORIGINAL),
        (dt.date(2026, 6, 1), 100, MFG, "not_ours", R.NOT_OURS),
        # Not ours is said even when it is also out of warranty: it is the stronger reason.
        (dt.date(2028, 1, 1), 90_000, MFG, "not_ours", R.NOT_OURS),
        # Out of warranty is said before an exclusion: nothing to argue about.
        (dt.date(2028, 1, 1), 100, MFG, "poor_upkeep", R.PERIOD_ENDED),
    ],
)
def test_the_engine_gives_each_outcome_its_reason(failed_on, km, defect, exclusion, reason):
    result = coverage(STANDARD, BOUGHT, failed_on, km, defect, exclusion)
    assert result.reason == reason
    assert result.covered is (reason == R.COVERED)
    assert result.ends_on == dt.date(2027, 3, 9)


def test_a_purchase_on_the_31st_is_covered_to_the_end_of_the_shorter_month():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    result = coverage(Terms(1, None), dt.date(2026, 1, 31), dt.date(2026, 2, 27), None, MFG)
    assert (result.covered, result.ends_on) == (True, dt.date(2026, 2, 27))


def test_an_agreement_without_a_mileage_limit_covers_any_distance():
    result = coverage(Terms(24, None), BOUGHT, dt.date(2027, 12, 1), 250_000, MFG)
    assert result.covered


days = st.integers(min_value=0, max_value=800)
kms = st.integers(min_value=0, max_value=80_000)
months = st.integers(min_value=1, max_value=60)


@given(months=months, limit=kms.filter(bool), day=days, km=kms)
def test_cover_holds_exactly_while_both_limits_are_unreached(months, limit, day, km):
    terms = Terms(months, limit)
    failed = BOUGHT + dt.timedelta(days=day)
    result = coverage(terms, BOUGHT, failed, km, MFG)
    within = failed < add_months(BOUGHT, months) and km < limit
    assert result.covered is within
    if not within:
        assert result.reason in (R.PERIOD_ENDED, R.MILEAGE_REACHED)


@given(months=months, day=days)
def test_the_period_ends_the_day_before_the_anniversary(months, day):
    bought = BOUGHT + dt.timedelta(days=day)
    last = coverage(Terms(months, None), bought, bought, None, MFG).ends_on
    assert coverage(Terms(months, None), bought, last, None, MFG).covered
    after = coverage(Terms(months, None), bought, last + dt.timedelta(days=1), None, MFG)
    assert after.reason == R.PERIOD_ENDED


@given(km=kms, exclusion=st.sampled_from(["installation_use", "modification", "poor_upkeep", "non_original", "not_ours"]))  # fmt: skip
def test_an_exclusion_is_never_covered(km, exclusion):
    assert not coverage(STANDARD, BOUGHT, BOUGHT, km, MFG, exclusion).covered


@given(extra=st.integers(min_value=1, max_value=36))
def test_a_longer_agreement_never_covers_less_than_the_standard(extra):
    failed = BOUGHT + dt.timedelta(days=200)
    standard = coverage(STANDARD, BOUGHT, failed, 10_000, MFG)
    longer = coverage(Terms(12 + extra, 30_000), BOUGHT, failed, 10_000, MFG)
    assert longer.covered or not standard.covered


@pytest.mark.django_db
def test_a_customer_agreement_overrides_the_standard_terms(people):
    from csc.aftersales import actions

    from .makers import customer, product

    cust, prod, other = customer(), product(), product()
    assert terms_for(cust.pk, prod.pk, BOUGHT) == Terms(12, 30_000)
    for_all = actions.create_agreement(
        people.sales,
        {
            "customer": cust,
            "warranty_months": 24,
            "warranty_km": 60_000,
            "valid_from": dt.date(2026, 1, 1),
        },  # fmt: skip
    )
    for_one = actions.create_agreement(
        people.sales,
        {
            "customer": cust,
            "product": prod,
            "warranty_months": 36,
            "warranty_km": None,
            "valid_from": dt.date(2026, 1, 1),
        },  # fmt: skip
    )
    assert terms_for(cust.pk, prod.pk, BOUGHT) == Terms(36, None, for_one)
    assert terms_for(cust.pk, other.pk, BOUGHT) == Terms(24, 60_000, for_all)
    # Bought before the agreements took effect: the standard terms.
    assert terms_for(cust.pk, prod.pk, dt.date(2025, 12, 31)).agreement is None
