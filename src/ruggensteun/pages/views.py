"""The composed pages: the home overview (and its table download) and the area dashboard."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from ruggensteun.areas import selectors
from ruggensteun.areas.models import FocusArea
from ruggensteun.imports.selectors import imports_version
from ruggensteun.monitor.catalogue import DOMAINS, load
from ruggensteun.monitor.downloads import overview_table, table_download
from ruggensteun.monitor.selectors import area_stackings, coverage_by_domain, monitor_version
from ruggensteun.permissions import public_page
from ruggensteun.practices.selectors import adoption_counts, practices_version
from ruggensteun.web.http import TABLE_FORMATS, download_response

from .area_page import area_page_context

ERROR_NO_FORMAT = gettext_lazy("Dit formaat bestaat niet.")
ERROR_NO_AREA = gettext_lazy("Dit gebied bestaat niet.")


@public_page
def home(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programmes_list())
    selected = request.GET.get("programma") or None
    if selected and selected not in {programme.code for programme in programmes}:
        selected = None

    def overview() -> dict[str, object]:
        groups = selectors.focus_areas_by_city(selected)
        areas = [summary.area for group in groups for summary in group.areas]
        return {
            "groups": groups,
            "area_count": len(areas),
            "stacking": area_stackings(areas),
            "coverage": coverage_by_domain(),
            "map": selectors.overview_map(groups),
            "adoptions": adoption_counts(),
        }

    return render(
        request,
        "pages/overview.html",
        {
            # Built only when the cached table is missing: the template calls it.
            "overview": overview,
            # Every app the overview shows, by its own version selector (issue 13).
            "versions": "-".join(
                [
                    monitor_version(),
                    selectors.areas_version(),
                    practices_version(),
                    imports_version(),
                ]
            ),
            "programmes": programmes,
            "selected": selected,
            "total_count": FocusArea.objects.count(),
            "domains": DOMAINS,
            "domain_labels": {key: load().domain_label(key) for key in load().domains},
        },
    )


@public_page
def overview_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The overview's heat table as CSV or XLSX (same programme filter as the page)."""
    if fmt not in TABLE_FORMATS:
        raise Http404(ERROR_NO_FORMAT)
    selected = request.GET.get("programma") or None
    groups = selectors.focus_areas_by_city(selected)
    areas = [summary.area for group in groups for summary in group.areas]
    header, rows = overview_table(groups, area_stackings(areas))
    about = [
        "Ruggensteun: stapeling van problemen per focusgebied"
        + (f" (programma {selected})" if selected else ""),
        "Slechtste 10%: de score van het gebied in het domein (het gemiddelde percentiel van de "
        "indicatoren, over de wijken van het gebied) hoort bij de 10% slechtst scorende wijken "
        "van Nederland. Score: 100 = slechtst.",
    ]
    body = table_download(header, rows, fmt, about)
    return download_response(body, fmt, f"ruggensteun-overzicht.{fmt}")


@public_page
def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        area = selectors.focus_area_get(slug)
    except FocusArea.DoesNotExist:
        raise Http404(ERROR_NO_AREA) from None
    return render(request, "pages/area_page.html", area_page_context(request, area))
