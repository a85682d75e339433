"""One way to make a readable, unique slug for a page address (focus areas, coalitions,
practices): the slugified name, then "-2", "-3", … until no other row has it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify

# Slug fields are 120 characters long; the base leaves room for a number.
MAX_BASE = 100


def unique_slug(
    name: str, *, taken: QuerySet[Any], fallback: str, exclude_pk: int | None = None
) -> str:
    """A slug for `name` that no row of `taken` (other than `exclude_pk`) has; `fallback` when
    the name has no letters or digits to slugify."""
    base = slugify(name)[:MAX_BASE].strip("-") or fallback
    others = taken.exclude(pk=exclude_pk) if exclude_pk is not None else taken
    slug, number = base, 1
    while others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
