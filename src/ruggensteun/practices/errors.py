"""Domain errors of the practices app; their messages are Dutch and can be shown as they are."""


class PracticeError(ValueError):
    """A coalition, practice or adoption cannot be saved or changed as asked."""


class TransitionError(PracticeError):
    """A workflow step is unknown, not allowed for this user, or lacks a required comment."""
