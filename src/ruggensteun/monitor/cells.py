"""One cell of the monitor's tables: a figure as text with its interval, or the reason it is
empty, and where a row shows before and during side by side, the baseline figure and the change
since then. Split from `dashboard`, which re-exports these names."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ruggensteun.analysis.numbers import decimals, format_number
from ruggensteun.web.templatetags.humanize_nl import active_language

from .results import Figure

REASON_LABELS = {
    "not_published": _("niet gepubliceerd"),
    "suppressed_small": _("afgeschermd: te klein"),
    "suppressed_complement": _("afgeschermd: herleidbaar"),
    "not_available_for_vintage": _("niet in deze indeling"),
    "source_missing": _("geen cijfers op dit niveau"),
    "not_computable": _("niet berekenbaar"),
}
# The short mark of an empty cell in the area page's wide tables, explained under each table.
REASON_MARKS = {
    "not_published": _("n.g."),
    "suppressed_small": _("a.k."),
    "suppressed_complement": _("a.h."),
    "not_available_for_vintage": _("n.i."),
    "source_missing": _("g.c."),
    "not_computable": _("n.b."),
}


@dataclass(frozen=True)
class Cell:
    text: str
    reason: str = ""  # Dutch reason when empty
    interval: str = ""
    code: str = ""  # the reason's code (REASON_LABELS) when empty
    # The same unit's figure in the baseline period ("27,1", without its unit) and the change
    # since then ("+3,1"), when the row shows before and during side by side; else "".
    before: str = ""
    change: str = ""

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def mark(self) -> str:
        """The reason in short ("n.b."), for tables that explain their marks once."""
        return str(REASON_MARKS.get(self.code, "–"))


def cell(figure: Figure, unit: str, exact: bool = True, before: Figure | None = None) -> Cell:
    """A figure with its interval; `exact` False (rounded or reconstructed counts) drops the
    interval, which would suggest a precision the counts do not have. With `before` (the same
    unit in the baseline period) the cell also carries that figure and the change since."""
    if before is not None and before.value is not None:
        paired = cell(figure, unit, exact)
        change = figure.change
        if change is None and figure.value is not None:
            change = figure.value - before.value
        return replace(paired, before=_plain(before.value, unit), change=_signed(change, unit))
    if figure.value is None:
        reason = REASON_LABELS.get(figure.reason)
        return Cell("", str(reason) if reason else gettext("geen cijfers"), code=figure.reason)
    language = active_language()
    text = format_number(figure.value, unit, language=language)
    if not exact or figure.lower is None or figure.upper is None:
        return Cell(text)
    lower = format_number(figure.lower, unit, language=language)
    upper = format_number(figure.upper, unit, language=language)
    return Cell(text, interval=f"{lower} – {upper}")


def _plain(value: float, unit: str) -> str:
    """A figure with the digits of its unit but without its sign ('27,1', not '27,1%'), in the
    notation of the page's language."""
    return format_number(value, language=active_language(), digits=decimals(value, unit))


def _signed(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + _plain(value, unit)
