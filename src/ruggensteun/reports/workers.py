"""Start-up of the command's worker processes. Imported by a fresh process before Django is set
up (as the pool's initializer), so nothing here may import models at module level."""

from __future__ import annotations


def init_worker() -> None:
    """Set Django up in a worker process (its settings module comes with the environment)."""
    import django

    django.setup()
    from .render import quiet_weasyprint

    quiet_weasyprint()
