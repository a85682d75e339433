"""Signal receivers that keep the SQLite full-text index in step with saved practices."""

from __future__ import annotations

from typing import Any

from ruggensteun.practices.models import Practice

from .index import index_practice, unindex_practice


def practice_saved(sender: type[Practice], instance: Practice, using: str, **kwargs: Any) -> None:
    index_practice(instance, using=using)


def practice_deleted(sender: type[Practice], instance: Practice, using: str, **kwargs: Any) -> None:
    unindex_practice(instance.pk, using=using)
