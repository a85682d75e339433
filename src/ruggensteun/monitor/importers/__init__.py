"""Importers of the monitor's observations, one module per source, all behind one protocol."""

from . import covid, ggd, kwb, template  # noqa: F401  (each module registers its importers)
