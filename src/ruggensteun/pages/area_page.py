"""The area's page, composed from the geography, figures, practice and signal apps.

`AreaPage` is the read model the dashboard (`/gebieden/<slug>/`) and the diagnosis report share:
the comparisons, the dashboard, the charts and the practices of one focus area, each built once
and only when asked for (the dashboard's cached fragments do not ask).
"""

from functools import cached_property

from django.db.models import QuerySet
from django.http import HttpRequest

from ruggensteun.areas import selectors
from ruggensteun.areas.models import FocusArea, RegionGeometry, UnmatchedName
from ruggensteun.monitor import charts
from ruggensteun.monitor.catalogue import DOMAINS, Indicator, load
from ruggensteun.monitor.charts import Chart
from ruggensteun.monitor.dashboard import Dashboard, area_dashboard
from ruggensteun.monitor.results import AreaComparisons
from ruggensteun.monitor.selectors import member_comparisons, monitor_version
from ruggensteun.permissions import may
from ruggensteun.practices.models import Practice
from ruggensteun.practices.selectors import practices_in_area
from ruggensteun.practices.similar import similar_practices
from ruggensteun.signals.selectors import dashboard_signals

from .key_figures import KeyFigures, key_figures
from .populations import RatePopulation, rate_populations
from .wijk_tables import WijkTable, fold_wijken, wijk_tables


class AreaPage:
    """One focus area's figures, charts and practices, for any visitor (no per-user parts)."""

    def __init__(self, area: FocusArea) -> None:
        self.area = area

    @cached_property
    def comparisons(self) -> AreaComparisons:
        return member_comparisons(self.area)

    @cached_property
    def dashboard(self) -> Dashboard:
        return area_dashboard(self.area, self.comparisons)

    def charts(self, indicator: Indicator | None) -> list[Chart]:
        """The trend and ranking of `indicator` over the area's wijken (none without one)."""
        return charts.area_charts(self.area, indicator) if indicator else []

    @cached_property
    def key_figures(self) -> KeyFigures:
        return key_figures(self.dashboard, self.comparisons)

    @cached_property
    def rate_populations(self) -> dict[str, list[RatePopulation]]:
        """Per domain, the inhabitants its rates divide by (each source's own count)."""
        return rate_populations(self.area, self.dashboard, self.comparisons)

    @cached_property
    def wijk_tables(self) -> dict[str, list[WijkTable]]:
        """Per domain, its folded per-wijk table in parts (for areas with many wijken)."""
        return wijk_tables(self.dashboard)

    @cached_property
    def covid_chart(self) -> Chart | None:
        return charts.covid_chart(self.area)

    @cached_property
    def practices(self) -> list[Practice]:
        return practices_in_area(self.area)

    def unmatched(self) -> QuerySet[UnmatchedName]:
        return self.area.unmatched_names.all()


def area_page_context(request: HttpRequest, area: FocusArea) -> dict[str, object]:
    """The template context of `/gebieden/<slug>/` for the visitor of `request`."""
    page = AreaPage(area)
    geometry = RegionGeometry.objects.filter(region=area.municipality).first()
    indicator = charts.chosen_indicator(area, request.GET.get("indicator"))
    wijk_shapes = selectors.wijk_boundaries(area.municipality)
    signals_key, signal_blocks = dashboard_signals(area, request.user)
    members = sorted(area.members.all(), key=lambda member: member.region.code)
    return {
        "area": area,
        "members": members,
        # The inhabitants column only where some member's population is known.
        "members_populated": any(m.region.population is not None for m in members),
        # A column per wijk in the domain tables, or (more wijken) a folded table per domain.
        "fold_wijken": fold_wijken(len(members)),
        "unmatched": page.unmatched(),
        "curation": selectors.curation_decisions(area),
        # The table of contents: each domain's section on the page (#domein-<key>).
        "domain_links": [(key, load().domain_label(key)) for key in DOMAINS],
        "geometry": geometry.geojson if geometry else None,
        # Built only when the cached fragments are missing: the template calls them.
        "dashboard": lambda: page.dashboard,
        "key_figures": lambda: page.key_figures,
        "rate_populations": lambda: page.rate_populations,
        "wijk_tables": lambda: page.wijk_tables,
        "signal_blocks": signal_blocks,
        "signals_key": signals_key,
        "charts": lambda: page.charts(indicator),
        "covid_chart": lambda: page.covid_chart,
        "indicator": indicator,
        # The charts open by default only when the visitor chose an indicator for them.
        "charts_open": bool(request.GET.get("indicator")),
        "indicator_choices": charts.indicator_choices(),
        "choropleth": charts.choropleth(area, indicator, wijk_shapes) if indicator else None,
        "may_upload": may(request.user, "areas.upload_boundaries", area.municipality),
        "area_practices": page.practices,
        "suggestions": similar_practices(area),
        "results_version": monitor_version(),
    }
