"""Importers of the geography: the CBS division, names, population, boundaries, focus areas."""

from . import focus_areas, geography, regions  # noqa: F401  (each module registers importers)
