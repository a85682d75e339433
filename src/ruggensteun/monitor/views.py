from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from ruggensteun.areas.models import FocusArea, Level, Region
from ruggensteun.permissions import public_page
from ruggensteun.web.http import TABLE_FORMATS, download_response

from .catalogue import DOMAINS, load
from .downloads import as_csv, as_xlsx, compare_table, download_rows, table_download
from .wijk_compare import compare_areas, wijk_dashboard

ERROR_NO_AREA_OR_FORMAT = gettext_lazy("Dit gebied of dit formaat bestaat niet.")
ERROR_NO_WIJK_FIGURES = gettext_lazy(
    "Voor deze wijk zijn geen berekende cijfers (alleen wijken van gemeenten met een focusgebied)."
)
ERROR_COMPARE_DOWNLOAD = gettext_lazy("Kies twee tot vier gebieden en het formaat csv of xlsx.")


@public_page
def focus_area_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    area = FocusArea.objects.select_related("municipality").filter(slug=slug).first()
    if area is None or fmt not in TABLE_FORMATS:
        raise Http404(ERROR_NO_AREA_OR_FORMAT)
    rows = download_rows(area)
    body = as_csv(rows) if fmt == "csv" else as_xlsx(rows, area)
    return download_response(body, fmt, f"ruggensteun-{area.slug}.{fmt}")


@public_page
def wijk_detail(request: HttpRequest, code: str) -> HttpResponse:
    wijk = (
        Region.objects.select_related("parent")
        .filter(vintage=2020, level=Level.WIJK, code=code)
        .first()
    )
    dashboard = wijk_dashboard(wijk) if wijk else None
    if wijk is None or dashboard is None:
        raise Http404(ERROR_NO_WIJK_FIGURES)
    return render(request, "monitor/wijk.html", {"wijk": wijk, "dashboard": dashboard})


MAX_COMPARED = 4


def _chosen_areas(request: HttpRequest) -> tuple[list[str], list[FocusArea]]:
    slugs = [slug for slug in request.GET.getlist("gebieden") if slug][: MAX_COMPARED + 1]
    chosen = list(FocusArea.objects.filter(slug__in=slugs).select_related("municipality"))
    chosen.sort(key=lambda area: slugs.index(area.slug))
    return slugs, chosen


@public_page
def compare_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The compare table as CSV or XLSX, for the same areas and domain as the page."""
    _slugs, chosen = _chosen_areas(request)
    chosen = chosen[:MAX_COMPARED]
    if fmt not in TABLE_FORMATS or len(chosen) < 2:
        raise Http404(ERROR_COMPARE_DOWNLOAD)
    domain = request.GET.get("domein") or None
    header, rows = compare_table(chosen, compare_areas(chosen, domain))
    about = ["Ruggensteun: " + " / ".join(area.name for area in chosen)]
    body = table_download(header, rows, fmt, about)
    return download_response(body, fmt, f"ruggensteun-vergelijking.{fmt}")


@public_page
def compare(request: HttpRequest) -> HttpResponse:
    domain = request.GET.get("domein") or None
    slugs, chosen = _chosen_areas(request)
    message = ""
    if len(slugs) > MAX_COMPARED:
        message = f"Vergelijk ten hoogste {MAX_COMPARED} gebieden tegelijk."
        chosen = chosen[:MAX_COMPARED]
    elif len(chosen) < 2:
        message = "Kies twee tot vier gebieden om te vergelijken."
    rows = compare_areas(chosen, domain) if len(chosen) >= 2 else []
    catalogue = load()
    return render(
        request,
        "monitor/compare.html",
        {
            "areas": FocusArea.objects.select_related("municipality").order_by("name"),
            "chosen": chosen,
            "rows": rows,
            "message": message,
            "domain": domain,
            "domains": [(key, catalogue.domains[key]) for key in DOMAINS],
        },
    )
