from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """Local coalitions, the good-practice library and adoptions (scale-up)."""

    name = "ruggensteun.practices"
    verbose_name = _("Goede praktijken")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the practice permission rules)
        from .search import receivers

        # Keeps the SQLite full-text index current, whatever saved the practice (PostgreSQL
        # maintains its generated column itself).
        practice = self.get_model("Practice")
        post_save.connect(receivers.practice_saved, sender=practice, dispatch_uid="practice_index")
        post_delete.connect(
            receivers.practice_deleted, sender=practice, dispatch_uid="practice_unindex"
        )
