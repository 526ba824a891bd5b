"""Complaints, returns and 8D (CMP-1…CMP-11).

Surveys rely on ``Complaint.customer``/``received_at``/``status`` and ``Return.customer``/
``notice_date``/``quantity`` to compute the point template's deductions (SUR-3).
"""

from .complaint import Complaint, Reply
from .eightd import Discipline, EightD
from .lessons import LessonGram, LessonPrint
from .returns import Return
from .review import MonthlyReview, ReviewLine
from .tally import CustomerMonthTally, MonthTally, TallyChange

__all__ = [
    "Complaint",
    "CustomerMonthTally",
    "Discipline",
    "EightD",
    "LessonGram",
    "LessonPrint",
    "MonthTally",
    "MonthlyReview",
    "Reply",
    "Return",
    "ReviewLine",
    "TallyChange",
]
