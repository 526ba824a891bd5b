"""The numbers of the complaint procedure, each overridable in ``settings.CSC`` (SPEC: rule 3).

Defaults come from the seeds: resolution by severity in 1 / 2 / 5 working days (S3), an answer
within 24 hours (S2 5.9.1), feedback to the customer within a week (S2 5.2.4), and the usual 8D
step deadlines (containment within a working day, root cause within a week, permanent actions
within two weeks, closure within a month).
"""

from csc.core.conf import settings_of

DEFAULTS = {
    # Lessons learned (IATF 10.2.3 f): how many earlier cases to show, from what similarity
    # (Jaccard of the text grams, 0–1), the bonus of the same product or customer, and the
    # share of cases above which a gram is too common to tell cases apart.
    "LESSONS_SHOWN": 5,
    "LESSONS_MIN_SIMILARITY": 0.15,
    "LESSONS_SAME_PRODUCT_BONUS": 0.2,
    "LESSONS_COMMON_SHARE": 0.2,
    # CMP-3: working days to resolve, by severity.
    "COMPLAINT_RESOLUTION_WORKING_DAYS": {"simple": 1, "complex": 2, "major": 5},
    # Acknowledge the customer within this many hours; business hours when the flag is set.
    "COMPLAINT_ACK_HOURS": 24,
    "COMPLAINT_ACK_BUSINESS_HOURS": False,
    # The reply (回复书) is due this many calendar days after receipt.
    "COMPLAINT_REPLY_DAYS": 7,
    # Overdue complaints go to the department head at once, then to the Management
    # Representative when still overdue this many working hours later.
    "COMPLAINT_ESCALATE_MR_AFTER_HOURS": 8,
    # CMP-4: due date of each 8D discipline, counted from the 8D's opening:
    # (amount, "working" days on the company calendar | "calendar" days).
    "EIGHTD_DEADLINES": {
        "D0": (1, "working"),
        "D1": (1, "working"),
        "D2": (1, "working"),
        "D3": (1, "working"),
        "D4": (7, "calendar"),
        "D5": (14, "calendar"),
        "D6": (14, "calendar"),
        "D7": (30, "calendar"),
        "D8": (30, "calendar"),
    },
    # Files a portal submission may carry.
    "COMPLAINT_PORTAL_MAX_FILES": 5,
}


setting = settings_of(DEFAULTS)
