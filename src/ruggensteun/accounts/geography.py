"""The geography a role's scope refers to, as accounts needs it: does a CBS code exist, and what
is it called. Accounts sits below areas in the layers, so it does not import `Region`; areas
registers its lookups here when the app is ready (AreasConfig.ready)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class AreaDirectory(Protocol):
    def exists(self, code: str) -> bool:
        """Whether a region with this CBS code exists (in any vintage)."""
        ...

    def names(self, codes: Iterable[str]) -> dict[str, str]:
        """CBS code → the region's name in the newest vintage that has it (missing: unknown)."""
        ...


_directory: list[AreaDirectory] = []


def area_directory_register(directory: AreaDirectory) -> None:
    """Called once by the areas app; a second call replaces the first (tests may swap it)."""
    _directory[:] = [directory]


def area_directory() -> AreaDirectory:
    if not _directory:
        raise ImproperlyConfigured("No area directory: is ruggensteun.areas installed?")
    return _directory[0]
