"""Writes of the practices app: coalitions, practices, the editorial workflow and adoptions.

Every service takes the acting user (None: the system, e.g. a command), checks the permission
rules itself, raises PracticeError or TransitionError with a Dutch message, and writes its audit
event inside the same transaction.
"""

from .adoptions import AdoptionData, adoption_record, adoption_update
from .coalitions import CoalitionData, PartnerData, coalition_create, coalition_update
from .practices import MediaData, PracticeData, practice_create, practice_update
from .workflow import (
    REVIEW_INTERVAL,
    TransitionResult,
    practice_comment_add,
    practice_publish_example,
    practice_transition,
    practices_review_due,
    transition,
)

__all__ = [
    "REVIEW_INTERVAL",
    "AdoptionData",
    "CoalitionData",
    "MediaData",
    "PartnerData",
    "PracticeData",
    "TransitionResult",
    "adoption_record",
    "adoption_update",
    "coalition_create",
    "coalition_update",
    "practice_comment_add",
    "practice_create",
    "practice_publish_example",
    "practice_transition",
    "practice_update",
    "practices_review_due",
    "transition",
]
