"""The numbers of the service procedure, each overridable in ``settings.CSC`` (rule 3).

Defaults come from the seeds: an answer within 24 hours (S2 5.9.1), feedback to the customer
within a week (S2 5.2.4), resolution in 1 / 2 / 5 working days by severity (S3).
"""

import os

from csc.core.conf import settings_of

DEFAULTS = {
    # SVC-3: the first answer to the customer, in hours; business hours when the flag is set.
    "SERVICE_FIRST_ANSWER_HOURS": 24,
    "SERVICE_FIRST_ANSWER_BUSINESS_HOURS": False,
    # Feedback on the outcome to the customer within this many calendar days.
    "SERVICE_FEEDBACK_DAYS": 7,
    # Working days to resolve, by severity; a working day is one day of the company's hours.
    "SERVICE_RESOLUTION_WORKING_DAYS": {"simple": 1, "complex": 2, "major": 5},
    # A target is "due soon" this many hours before it falls due.
    "SERVICE_DUE_SOON_HOURS": 4,
    # The periodic job warns the handler this many hours before a target falls due.
    "SERVICE_WARN_BEFORE_HOURS": 2,
    # Escalation of a breached target: (level, whom, business hours after the breach).
    # "handler" → the request's handler, "team_head" → its team's head, "management_rep" →
    # the Management Representative(s). Each level is notified once.
    "SERVICE_ESCALATION_LEVELS": [
        (1, "handler", 0),
        (2, "team_head", 4),
        (3, "management_rep", 8),
    ],
    # IF-5 e-mail intake: one mailbox each, as imap://user:password@host:port/FOLDER
    # (imaps:// for TLS); empty means the mailbox is not polled.
    "SERVICE_MAILBOX_URL": os.environ.get("CSC_SERVICE_MAILBOX_URL", ""),
    "COMPLAINT_MAILBOX_URL": os.environ.get("CSC_COMPLAINT_MAILBOX_URL", ""),
    # Taken mail moves to this folder, so the inbox holds only what is still to read.
    "MAILBOX_DONE_FOLDER": "CSC-Processed",
    # Larger messages are quarantined, not taken in.
    "MAIL_MAX_BYTES": 15 * 1024 * 1024,
    # The category of a record opened from an e-mail, until staff correct it.
    "SERVICE_MAIL_CATEGORY": "other",
    "COMPLAINT_MAIL_CATEGORY": "quality",
    # The account the worker acts as when it takes mail in (created on first use).
    "MAIL_INTAKE_USERNAME": "mail-intake",
    # A customer may reopen a resolved request within this many days.
    "SERVICE_REOPEN_DAYS": 14,
}


setting = settings_of(DEFAULTS)
