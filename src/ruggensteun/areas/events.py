"""What the areas app announces to the layers above it, which it may not import.

`membership_changed` is sent inside the transaction that changed an area's members, after the
rows are written; a receiver that raises rolls the whole change back. The monitor listens to
recompute its results (monitor/receivers.py)."""

from django.dispatch import Signal

# Sent with `area` (the FocusArea) and `actor` (the User or None).
membership_changed = Signal()
