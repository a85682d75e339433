from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ruggensteun.accounts.models import User
from ruggensteun.accounts.permissions import may, page_requires, public_page
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.dashboard import DOMAINS, area_dashboard
from ruggensteun.monitor.selectors import coverage_by_domain, latest_result_set, overview_stacking

from . import selectors
from .forms import FocusAreaForm
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
            "stacking": overview_stacking(areas),
            "coverage": coverage_by_domain(),
        }

    return render(
        request,
        "areas/home.html",
        {
            # Built only when the cached table is missing: the template calls it.
            "overview": overview,
            "versions": f"{result_set.stamp if result_set else 'none'}-{selectors.areas_version()}",
            "programmes": programmes,
            "selected": selected,
            "total_count": FocusArea.objects.count(),
            "domains": DOMAINS,
            "domain_labels": {key: value["nl"] for key, value in load().domains.items()},
        },
    )


@public_page
def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        area = selectors.focus_area_get(slug)
    except FocusArea.DoesNotExist:
        raise Http404(_("Dit gebied bestaat niet.")) from None
    geometry = RegionGeometry.objects.filter(region=area.municipality).first()
    result_set = latest_result_set()
    return render(
        request,
        "areas/focus_area_detail.html",
        {
            "area": area,
            "members": sorted(area.members.all(), key=lambda member: member.region.code),
            "unmatched": area.unmatched_names.all(),
            "geometry": geometry.geojson if geometry else None,
            # Built only when the cached fragment is missing: the template calls it.
            "dashboard": lambda: area_dashboard(area),
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
