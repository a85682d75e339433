"""Importers of the geography: the CBS division, names, population, boundaries, focus areas."""

from . import focus_areas, geography, regions, wijk_boundaries  # noqa: F401  (each module registers importers)
