"""Importers of the monitor's observations, one module per source, all behind one protocol."""

from . import cbs_odata, covid, ggd, kwb, statline_kwb, template  # noqa: F401  (each registers its importers)
