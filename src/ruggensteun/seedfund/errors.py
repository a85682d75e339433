"""Domain errors of the seed-money app; their messages are Dutch and can be shown as they are."""


class SeedfundError(ValueError):
    """A fund, call, application, review, grant or instalment cannot be saved or changed."""


class TransitionError(SeedfundError):
    """A workflow step is unknown, not allowed for this user, or lacks what it requires."""


class LedgerError(SeedfundError):
    """A commitment, release, payment or reversal is refused: it would take a balance below zero,
    pay a grant more than was committed, pay an instalment twice or undo what cannot be undone."""
