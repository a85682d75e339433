"""Rows that are written once and never changed or deleted (the audit trail, the seed-money
ledger): the model and its queryset refuse every change; database triggers in each app's
migrations refuse raw SQL as well."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.db import models


class AppendOnlyError(Exception):
    pass


M = TypeVar("M", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[M]):
    """Refuses updates and deletes in bulk; `message` says why, in Dutch."""

    message: ClassVar[str] = "Deze gegevens kunnen niet gewijzigd of verwijderd worden."

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(self.message)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self.message)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError(self.message)


class AppendOnlyModel(models.Model):
    """Saves a new row once; saving it again or deleting it is refused with `APPEND_ONLY`."""

    APPEND_ONLY: ClassVar[str] = AppendOnlyQuerySet.message

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError(self.APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self.APPEND_ONLY)
