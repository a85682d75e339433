"""What a stacking flag and a hidden cell mean, in words for the dashboard and the report
(issue 14): the share of Dutch wijken a domain flag stands for, and the count of hidden cells."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ruggensteun.analysis.numbers import format_integer, format_number
from ruggensteun.web.templatetags.humanize_nl import active_language

from .models import ResultSet
from .selectors import CellCounts

SUPPRESSION_LABELS = {
    "suppressed_small": _("te klein"),
    "suppressed_complement": _("herleidbaar"),
}


@dataclass(frozen=True)
class StackingShare:
    """What a domain flag stands for in one domain and period: of the Dutch wijken with a domain
    score, how many are flagged, and their share (ResultSet.domain_shares)."""

    wijken: int
    flagged: int
    percent: float

    @classmethod
    def stored(cls, result_set: ResultSet | None, domain: str, period: str) -> StackingShare | None:
        found = (result_set.domain_shares if result_set else {}).get(domain, {}).get(period)
        if not found:
            return None
        return cls(int(found["wijken"]), int(found["flagged"]), float(found["percent"]))

    def text(self) -> str:
        """'hoort bij de 10% slechtst scorende wijken van Nederland (315 van 3.150 wijken)'."""
        language = active_language()
        digits = 0 if float(self.percent).is_integer() else 1
        return gettext(
            "hoort bij de %(percent)s slechtst scorende wijken van Nederland "
            "(%(flagged)s van %(wijken)s wijken)"
        ) % {
            "percent": format_number(self.percent, "%", language=language, digits=digits),
            "flagged": format_integer(self.flagged, language),
            "wijken": format_integer(self.wijken, language),
        }


def cell_count_text(counts: CellCounts) -> str:
    """'2 cellen afgeschermd (te klein: 1, herleidbaar: 1), 66 gepubliceerd'."""
    hidden = ngettext(
        "%(count)s cel afgeschermd", "%(count)s cellen afgeschermd", counts.suppressed
    ) % {"count": format_integer(counts.suppressed, active_language())}
    reasons = ", ".join(
        f"{SUPPRESSION_LABELS[code]}: {format_integer(n, active_language())}"
        for code, n in counts.by_reason.items()
        if n and code in SUPPRESSION_LABELS
    )
    published = gettext("%(count)s gepubliceerd") % {
        "count": format_integer(counts.published, active_language())
    }
    return f"{hidden} ({reasons}), {published}" if reasons else f"{hidden}, {published}"
