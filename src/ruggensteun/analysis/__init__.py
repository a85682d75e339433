"""The analysis core of the monitor: pure functions on tidy polars frames.

This package imports polars and the standard library only, never Django, so that it can be
tested and benchmarked without a database (docs/adr/0002-pure-analysis-core.md). The
comparisons, intervals, disclosure control and stacking of METHODS.md land here (issue 4).
"""
