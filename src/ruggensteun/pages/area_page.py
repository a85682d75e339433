"""The area dashboard's page, composed from the geography, figures, practice and signal apps."""

from django.http import HttpRequest

from ruggensteun.areas import selectors
from ruggensteun.areas.models import FocusArea, RegionGeometry
from ruggensteun.monitor import charts
from ruggensteun.monitor.dashboard import area_dashboard
from ruggensteun.monitor.selectors import latest_result_set
from ruggensteun.permissions import may
from ruggensteun.practices.selectors import practices_in_area
from ruggensteun.practices.similar import similar_practices
from ruggensteun.signals.selectors import dashboard_signals


def area_page_context(request: HttpRequest, area: FocusArea) -> dict[str, object]:
    """The template context of `/gebieden/<slug>/` for the visitor of `request`."""
    geometry = RegionGeometry.objects.filter(region=area.municipality).first()
    result_set = latest_result_set()
    indicator = charts.chosen_indicator(area, request.GET.get("indicator"))
    wijk_shapes = selectors.wijk_boundaries(area.municipality)
    signals_key, signal_blocks = dashboard_signals(area, request.user)
    return {
        "area": area,
        "members": sorted(area.members.all(), key=lambda member: member.region.code),
        "unmatched": area.unmatched_names.all(),
        "geometry": geometry.geojson if geometry else None,
        # Built only when the cached fragments are missing: the template calls them.
        "dashboard": lambda: area_dashboard(area),
        "signal_blocks": signal_blocks,
        "signals_key": signals_key,
        "charts": lambda: charts.area_charts(area, indicator) if indicator else [],
        "covid_chart": lambda: charts.covid_chart(area),
        "indicator": indicator,
        "indicator_choices": charts.indicator_choices(),
        "choropleth": charts.choropleth(area, indicator, wijk_shapes) if indicator else None,
        "may_upload": may(request.user, "areas.upload_boundaries", area.municipality),
        "area_practices": practices_in_area(area),
        "suggestions": similar_practices(area),
        "results_version": result_set.stamp if result_set else "none",
    }
