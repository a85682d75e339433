"""The monitor follows changes announced by the areas app (which may not import the monitor)."""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from ruggensteun.areas.events import membership_changed

from .recompute import monitor_recompute

logger = logging.getLogger(__name__)


@receiver(membership_changed, dispatch_uid="monitor-recompute-on-membership")
def recompute_after_membership_change(sender: Any, area: Any, **kwargs: Any) -> None:
    """An area's members changed: recompute everything now, in the same transaction (there is
    no per-area path yet; issues 18 and 19 make it a job and incremental)."""
    result = monitor_recompute(force=True)
    logger.info(
        "Monitor recomputed after a membership change of %s in %.1f s", area, result.seconds
    )
