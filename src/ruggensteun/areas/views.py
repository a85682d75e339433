from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ruggensteun.accounts.models import User
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.services import import_upload
from ruggensteun.monitor import charts
from ruggensteun.monitor.catalogue import DOMAINS, load
from ruggensteun.monitor.dashboard import area_dashboard
from ruggensteun.monitor.downloads import overview_table, table_download
from ruggensteun.monitor.selectors import area_stackings, coverage_by_domain, latest_result_set
from ruggensteun.monitor.views import TABLE_FORMATS, download_response
from ruggensteun.permissions import may, page_requires, public_page
from ruggensteun.practices.selectors import adoption_counts, practices_in_area, practices_version
from ruggensteun.practices.similar import similar_practices
from ruggensteun.signals.selectors import dashboard_signals

from . import selectors
from .forms import BoundaryUploadForm, FocusAreaForm
from .importers.wijk_boundaries import VINTAGE as BOUNDARY_VINTAGE
from .importers.wijk_boundaries import WijkBoundariesImporter
from .models import FocusArea, Level, Region, RegionGeometry
from .services import FocusAreaError, focus_area_define

DEFAULT_VINTAGE = 2020


@public_page
def home(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programmes_list())
    selected = request.GET.get("programma") or None
    if selected and selected not in {programme.code for programme in programmes}:
        selected = None
    result_set = latest_result_set()

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
        "areas/home.html",
        {
            # Built only when the cached table is missing: the template calls it.
            "overview": overview,
            "versions": f"{result_set.stamp if result_set else 'none'}-{selectors.areas_version()}"
            f"-{practices_version()}",
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
        raise Http404(_("Dit formaat bestaat niet."))
    selected = request.GET.get("programma") or None
    groups = selectors.focus_areas_by_city(selected)
    areas = [summary.area for group in groups for summary in group.areas]
    header, rows = overview_table(groups, area_stackings(areas))
    about = [
        "Ruggensteun: stapeling van problemen per focusgebied"
        + (f" (programma {selected})" if selected else ""),
        "Slechtste 10%: minstens één wijk van het gebied hoort op minstens één indicator van het "
        "domein bij de 10% slechtst scorende wijken van Nederland. Percentiel: 100 = slechtst.",
    ]
    body = table_download(header, rows, fmt, about)
    return download_response(body, fmt, f"ruggensteun-overzicht.{fmt}")


@public_page
def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        area = selectors.focus_area_get(slug)
    except FocusArea.DoesNotExist:
        raise Http404(_("Dit gebied bestaat niet.")) from None
    geometry = RegionGeometry.objects.filter(region=area.municipality).first()
    result_set = latest_result_set()
    indicator = charts.chosen_indicator(area, request.GET.get("indicator"))
    wijk_shapes = selectors.wijk_boundaries(area.municipality)
    signals_key, signal_blocks = dashboard_signals(area, request.user)
    return render(
        request,
        "areas/focus_area_detail.html",
        {
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
        },
    )


@page_requires("areas.define_focus_area")
def focus_area_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    municipalities = [
        gm
        for gm in selectors.municipalities(DEFAULT_VINTAGE)
        if may(user, "areas.define_focus_area", gm)
    ]
    code = request.GET.get("gemeente") or request.POST.get("gemeente")
    municipality = (
        get_object_or_404(Region, vintage=DEFAULT_VINTAGE, level=Level.GEMEENTE, code=code)
        if code
        else (municipalities[0] if len(municipalities) == 1 else None)
    )
    if municipality is not None and municipality not in municipalities:
        raise PermissionDenied(may(user, "areas.define_focus_area", municipality).reason)
    regions = selectors.regions_in_municipality(municipality) if municipality else []
    form = FocusAreaForm(request.POST or None, regions=regions)
    if municipality and request.method == "POST" and form.is_valid():
        try:
            area = focus_area_define(
                actor=user,
                name=form.cleaned_data["name"],
                municipality=municipality,
                members=form.cleaned_data["members"],
                description=form.cleaned_data["description"],
            )
        except FocusAreaError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Het gebied '%(name)s' is aangemaakt.") % {"name": area.name}
            )
            return redirect("focus-area-detail", slug=area.slug)
    return render(
        request,
        "areas/focus_area_form.html",
        {
            "form": form,
            "municipalities": municipalities,
            "municipality": municipality,
            "regions": regions,
        },
    )


@page_requires("areas.upload_boundaries")
def wijk_boundaries_upload(request: HttpRequest, code: str) -> HttpResponse:
    """An analyst uploads the wijk boundaries of their municipality (GeoJSON, WGS84)."""
    user = request.user
    assert isinstance(user, User)
    municipality = get_object_or_404(
        Region, vintage=BOUNDARY_VINTAGE, level=Level.GEMEENTE, code=code
    )
    decision = may(user, "areas.upload_boundaries", municipality)
    if not decision:
        raise PermissionDenied(decision.reason)
    form = BoundaryUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = import_upload(
                form.cleaned_data["file"],
                importer=WijkBoundariesImporter(municipality.code),
                actor=user,
            )
        except ImportRejected as exc:
            problems = [str(problem) for problem in exc.problems]
        else:
            messages.success(
                request,
                _("%(count)d wijkgrenzen opgeslagen.") % {"count": outcome.run.rows_accepted},
            )
            return redirect("wijk-boundaries-upload", code=municipality.code)
    return render(
        request,
        "areas/wijk_boundaries_upload.html",
        {
            "municipality": municipality,
            "form": form,
            "problems": problems,
            "stored": selectors.wijk_boundaries(municipality),
            "areas": FocusArea.objects.filter(municipality=municipality).order_by("name"),
        },
    )
