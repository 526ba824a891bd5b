"""The survey area's numbers (ARCHITECTURE rule 3): each seed number is a setting.

A site overrides any of them in ``settings.CSC`` (e.g. ``CSC["SURVEY_FREQUENCY"] = "annual"``);
the defaults below are the seeds' values, with the clause they come from.
"""

from decimal import Decimal

from csc.core.conf import settings_of

DEFAULTS = {
    # SUR-1: S0 5.3.1 surveys every half year; S1 4.3.4.1 once a year in December; S4 5.6.1 at
    # least every three months. The default plan follows S0.
    "SURVEY_FREQUENCY": "semi_annual",
    # The month a plan's round opens in (the last month of the period it covers).
    "SURVEY_OPEN_MONTH": {"quarterly": 3, "semi_annual": 6, "annual": 12},
    # Working days the customer has to answer (S0's form leaves the date to fill in).
    "SURVEY_RESPONSE_DAYS": 15,
    # Links stay usable this many days after the due date, so reminders can still be answered.
    "SURVEY_LINK_EXTRA_DAYS": 30,
    # SUR-4 (S1 4.3.4.2): C customers make up 20% of all surveys sent.
    "SURVEY_C_SHARE": Decimal("0.20"),
    # SUR-5 (S0 5.3.2): a round is valid only above 70% responses (70% exactly is not enough) …
    "SURVEY_MIN_RESPONSE_RATE": Decimal("0.70"),
    # … and (S1 4.3.4.2) with at least 80% of the A and B customers answering.
    "SURVEY_AB_MIN_RESPONSE_RATE": Decimal("0.80"),
    # SUR-5: reminders to customers who have not answered after the due date.
    "SURVEY_REMINDER_INTERVAL_DAYS": 7,
    "SURVEY_MAX_REMINDERS": 3,
    # SUR-2 (S3): the seven-level scale, very satisfied … very dissatisfied.
    "SURVEY_LIKERT_LEVELS": [100, 90, 80, 70, 60, 50, 40],
    # SUR-7 (S1 4.3.4.4 b, c): answers at or below these levels open an action.
    "SURVEY_NOT_VERY_SATISFIED": 60,
    "SURVEY_VERY_DISSATISFIED": 40,
    # The level an item average must reach in a weighted template (company choice: "fairly
    # satisfied"); S3 gives no figure.
    "SURVEY_LIKERT_REQUIREMENT": Decimal("80"),
    # SUR-3 (S0 5.3.3): each item scores at least 12 points, out of 20 on the default form.
    "SURVEY_POINTS_REQUIREMENT": Decimal("12"),
    "SURVEY_POINTS_ITEM_MAX": 20,
    # SUR-3 (S0 5.3.3.1-2): −1 per complaint up to −5; −2 per return up to −10.
    "SURVEY_COMPLAINT_POINTS": Decimal("1"),
    "SURVEY_COMPLAINT_CAP": Decimal("5"),
    "SURVEY_RETURN_POINTS": Decimal("2"),
    "SURVEY_RETURN_CAP": Decimal("10"),
    # SUR-7 e (S1 4.3.4.4): the year's satisfaction index target (company choice; no seed
    # gives a figure).
    "SURVEY_ANNUAL_TARGET": Decimal("85"),
    # SUR-7 a: a product line's index falling in each of this many successive rounds.
    "SURVEY_FALLING_ROUNDS": 3,
}


setting = settings_of(DEFAULTS)
