"""Importers of the geography: the CBS division, names, population, boundaries, focus areas."""

from . import (  # noqa: F401  (each module registers importers)
    amsterdam_boundaries,
    amsterdam_populations,
    focus_areas,
    geography,
    regions,
    wijk_boundaries,
)
