"""Reads of signals: aggregates per area × theme (× period) with small counts suppressed (the
public counts built once, by `public_table`, with complementary suppression: disclosure.py),
and the divergence between what professionals signal and what the figures show per domain."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _

from ruggensteun.areas.models import FocusArea
from ruggensteun.cbs import BUURT, WIJK, level_of, prefix_within
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.results import AreaComparisons
from ruggensteun.monitor.selectors import member_comparisons

from .disclosure import SUPPRESS_BELOW, suppress_theme
from .models import SenseMakingSession, Sensitivity, Signal, Trend
from .taxonomy import BY_KEY, THEMES, Theme

__all__ = [
    "SUPPRESS_BELOW",
    "Aggregate",
    "ThemeCounts",
    "public_aggregates",
    "public_table",
    "signals_version",
]

DIRECTION_SHARE = 0.25  # net share of "more" minus "less" that counts as a direction


def in_area(area: FocusArea) -> Q:
    """Signals in the area's wijken and buurten (a buurt lies in the wijk with its digits)."""
    query = Q(pk__in=[])
    for member in area.members.select_related("region"):
        code = member.region.code
        query |= Q(region__code=code)
        if level_of(code) == WIJK:
            query |= Q(region__code__startswith=prefix_within(code, BUURT))
    return query & Q(region__vintage=area.municipality.vintage)


def area_signals(area: FocusArea) -> QuerySet[Signal]:
    return Signal.objects.filter(in_area(area))


@dataclass(frozen=True)
class Aggregate:
    """Signals of one theme (in one period, or all): `count` None when suppressed."""

    theme: Theme
    period: str
    count: int | None
    mean_intensity: float | None
    more: int | None
    less: int | None
    demo: bool = False  # some signal counted here is fictional demo content (ruggensteun.demo)

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def direction(self) -> str:
        """'meer', 'minder' or '' (no clear direction or too few signals)."""
        if self.count is None or self.count < SUPPRESS_BELOW:
            return ""
        if self.more is None or self.less is None:
            return ""
        balance = (self.more - self.less) / self.count
        if balance >= DIRECTION_SHARE:
            return Trend.MORE
        if balance <= -DIRECTION_SHARE:
            return Trend.LESS
        return ""


Items = list[tuple[int, str, bool]]  # (intensity, trend, demo) of each signal in a cell


def _cell(theme: Theme, period: str, items: Items, *, hidden: bool) -> Aggregate:
    """One cell; a hidden (or empty) one shows no count and none of its other figures."""
    if hidden or not items:
        return Aggregate(theme, period, None, None, None, None)
    votes = Counter(trend for _intensity, trend, _demo in items)
    mean = sum(intensity for intensity, _trend, _demo in items) / len(items)
    demo = any(demo for _intensity, _trend, demo in items)
    return Aggregate(theme, period, len(items), mean, votes[Trend.MORE], votes[Trend.LESS], demo)


def aggregate(signals: QuerySet[Signal], *, by_period: bool = False) -> list[Aggregate]:
    """Unsuppressed counts per theme (and period), mean intensity and trend votes: only for
    those who may read the signals themselves. Public counts come from `public_table`."""
    cells: dict[tuple[str, str], Items] = {}
    for theme, period, intensity, trend, demo in signals.values_list(
        "theme", "period", "intensity", "trend", "demo"
    ):
        cells.setdefault((theme, period if by_period else ""), []).append((intensity, trend, demo))
    return [
        _cell(BY_KEY[theme_key], period, items, hidden=False)
        for (theme_key, period), items in sorted(cells.items())
        if theme_key in BY_KEY
    ]


PUBLIC_THEMES = tuple(theme for theme in THEMES if not theme.sensitive)


def public_signals(area: FocusArea) -> QuerySet[Signal]:
    """The signals any public count may include: no sensitive theme, none marked gevoelig."""
    return (
        area_signals(area)
        .exclude(theme__in=[theme.key for theme in THEMES if theme.sensitive])
        .exclude(sensitivity=Sensitivity.SENSITIVE)
    )


@dataclass(frozen=True)
class ThemeCounts:
    """One public theme: its total over all quarters and its published quarters. A hidden
    quarter is left out, as an empty one is; a hidden or zero total has `count` None."""

    theme: Theme
    total: Aggregate
    periods: list[Aggregate]

    @property
    def demo(self) -> bool:
        """Whether a published count of the theme includes fictional demo content."""
        return self.total.demo or any(cell.demo for cell in self.periods)


def public_table(area: FocusArea) -> list[ThemeCounts]:
    """Every public count of the area's signals, for every page that shows them (signals page,
    area page, report): theme × quarter cells and theme totals, suppressed together so no
    published number can be subtracted from another to reveal a small count."""
    cells: dict[str, dict[str, Items]] = {}
    for key, period, intensity, trend, demo in public_signals(area).values_list(
        "theme", "period", "intensity", "trend", "demo"
    ):
        cells.setdefault(key, {}).setdefault(period, []).append((intensity, trend, demo))
    table = []
    for theme in PUBLIC_THEMES:
        by_period = cells.get(theme.key, {})
        rule = suppress_theme({period: len(items) for period, items in by_period.items()})
        everything = [item for items in by_period.values() for item in items]
        periods = [
            _cell(theme, period, items, hidden=False)
            for period, items in sorted(by_period.items())
            if period not in rule.hidden
        ]
        total = _cell(theme, "", everything, hidden=rule.total_hidden)
        table.append(ThemeCounts(theme, total, periods))
    return table


def public_aggregates(area: FocusArea, *, by_period: bool = False) -> list[Aggregate]:
    """The published cells of `public_table`: the quarters shown, or every public theme's
    total (count None when hidden or zero)."""
    table = public_table(area)
    if by_period:
        return [cell for row in table for cell in row.periods]
    return [row.total for row in table]


# --- divergence between signals and figures -------------------------------------------------


@dataclass
class DomainSignals:
    domain: str
    aggregates: list[Aggregate] = field(default_factory=list)
    figures: str = ""  # 'verslechterd', 'verbeterd' or ''
    figures_note: str = ""
    divergence: str = ""  # a Dutch explanation when signals and figures point apart
    public: bool = False  # public theme totals ("–" for hidden and zero alike)

    @property
    def includes_demo(self) -> bool:
        """Whether a count shown includes fictional demo content (a hidden one shows none)."""
        return any(item.demo for item in self.aggregates)

    @property
    def counted(self) -> list[Aggregate]:
        """The themes with a count to show."""
        return [item for item in self.aggregates if not item.suppressed]

    @property
    def uncounted(self) -> list[Aggregate]:
        """The themes without a count (none, or too few to show): named once, together."""
        return [item for item in self.aggregates if item.suppressed]


def figures_direction(comparisons: AreaComparisons, domain: str) -> tuple[str, str]:
    """Whether the domain's figures for the area's wijken got worse or better since their
    baseline (majority of indicator × wijk changes, by each indicator's polarity), read from
    the members' own rows of `monitor.selectors.member_comparisons`."""
    if comparisons.result_set is None:
        return "", ""
    higher_is_worse = {
        i.id: i.higher_is_worse
        for i in load().indicators.values()
        if i.domain == domain and i.higher_is_worse is not None
    }
    worse = better = 0
    for rows in comparisons.member_rows.values():
        for row in rows:
            change = row.area.change
            if row.indicator not in higher_is_worse or not change or row.period == row.baseline:
                continue
            if (change > 0) == higher_is_worse[row.indicator]:
                worse += 1
            else:
                better += 1
    if worse + better == 0:
        return "", ""
    note = _("%(worse)d van %(total)d veranderingen ongunstig, %(better)d gunstig") % {
        "worse": worse,
        "better": better,
        "total": worse + better,
    }
    if worse > better:
        return "verslechterd", note
    if better > worse:
        return "verbeterd", note
    return "", note


def domain_signals(
    area: FocusArea,
    signals: QuerySet[Signal] | list[Aggregate],
    domain: str,
    *,
    comparisons: AreaComparisons | None = None,
) -> DomainSignals:
    """The signal themes of one domain beside its figures, with the divergence flag (which
    needs five signals either way: fewer give no direction). `signals` is either a queryset
    the viewer may read (counted unsuppressed) or the public theme totals of `public_table`;
    `comparisons` the area's `member_comparisons`, read when not given."""
    block = DomainSignals(domain=domain, public=isinstance(signals, list))
    if isinstance(signals, list):
        block.aggregates = [a for a in signals if a.theme.domain == domain]
    else:
        themes = {theme.key for theme in THEMES if theme.domain == domain}
        block.aggregates = aggregate(signals.filter(theme__in=themes))
    if comparisons is None:
        comparisons = member_comparisons(area)
    block.figures, block.figures_note = figures_direction(comparisons, domain)
    rising = [a for a in block.aggregates if a.direction == Trend.MORE]
    falling = [a for a in block.aggregates if a.direction == Trend.LESS]
    if rising and block.figures == "verbeterd":
        block.divergence = _(
            "Professionals signaleren meer %(themes)s, terwijl de cijfers van dit domein "
            "verbeterden (%(note)s). Bespreek dit in een duidingssessie."
        ) % {"themes": ", ".join(a.theme.label for a in rising), "note": block.figures_note}
    elif falling and block.figures == "verslechterd":
        block.divergence = _(
            "Professionals signaleren minder %(themes)s, terwijl de cijfers van dit domein "
            "verslechterden (%(note)s). Bespreek dit in een duidingssessie."
        ) % {"themes": ", ".join(a.theme.label for a in falling), "note": block.figures_note}
    return block


def reads_area_signals(user: Any, area: FocusArea) -> bool:
    """Whether the user sees the area's signals themselves (not only public aggregates)."""
    from ruggensteun.accounts.models import Role
    from ruggensteun.permissions import area_codes_of, covers

    from .rules import READERS

    roles = {*READERS, Role.ONDERMIJNING}
    return bool(user.is_authenticated) and covers(user, roles, area_codes_of(area))


def signals_version() -> str:
    """A short string that changes whenever a signal is added or deleted, or its narrative is
    removed. Signals are otherwise never edited (no service or admin changes one), so the
    number of signals, the highest pk and the latest removal stamp together cover every
    change."""
    version = Signal.objects.aggregate(
        n=Count("pk"), last=Max("pk"), gone=Max("narrative_removed_at")
    )
    gone = version["gone"].isoformat() if version["gone"] else "-"
    return f"{version['n']}.{version['last'] or 0}.{gone}"


def dashboard_signals(area: FocusArea, user: Any) -> tuple[str, Any]:
    """A cache key for the viewer's view of the area's signals, and a callable building the
    per-domain blocks: the public theme totals of `public_table` for most visitors;
    unsuppressed counts of what they may read for the area's professionals and analysts."""
    from ruggensteun.permissions import may

    internal = reads_area_signals(user, area)
    viewer = f"u{user.pk}" if internal else "public"
    key = f"{viewer}-{signals_version()}"

    def build() -> dict[str, DomainSignals]:
        signals: QuerySet[Signal] | list[Aggregate]
        if internal:
            visible = [
                s.pk
                for s in area_signals(area).select_related("region")
                if may(user, "signals.view", s)
            ]
            signals = Signal.objects.filter(pk__in=visible)
        else:
            signals = [row.total for row in public_table(area)]
        comparisons = member_comparisons(area)  # the wijken's rows, once for every domain
        domains = sorted({theme.domain for theme in THEMES})
        return {
            domain: domain_signals(area, signals, domain, comparisons=comparisons)
            for domain in domains
        }

    return key, build


def session_areas(user: Any) -> list[FocusArea]:
    """The focus areas where the user may hold duiding sessions, in database order."""
    from ruggensteun.permissions import may

    return [
        area
        for area in FocusArea.objects.select_related("municipality")
        if may(user, "signals.sessions", area)
    ]


def sessions_of(areas: list[FocusArea]) -> QuerySet[SenseMakingSession]:
    """The duiding sessions of the given areas, with what the sessions page shows."""
    return (
        SenseMakingSession.objects.filter(focus_area__in=areas)
        .prefetch_related("organisations", "actions")
        .select_related("focus_area")
    )


def session_indicator_choices() -> list[tuple[str, str]]:
    """The catalogue's indicators a session can discuss (gaps left out), as form choices."""
    return [(i.id, i.name_nl) for i in load().indicators.values() if not i.is_gap]


def session_signals(user: Any, area: FocusArea, ids: Collection[str]) -> list[Signal]:
    """The signals of the area with one of the given ids that the user may read."""
    from ruggensteun.permissions import may

    return [
        signal
        for signal in area_signals(area)
        if str(signal.pk) in ids and may(user, "signals.view", signal)
    ]
