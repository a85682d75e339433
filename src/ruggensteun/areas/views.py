from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ruggensteun.accounts.models import User
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.services import import_upload
from ruggensteun.permissions import may, page_requires

from . import selectors
from .forms import BoundaryUploadForm, FocusAreaForm, MembershipCorrectionForm
from .importers.wijk_boundaries import VINTAGE as BOUNDARY_VINTAGE
from .importers.wijk_boundaries import WijkBoundariesImporter
from .models import FocusArea, Level, Region
from .services import (
    MIN_REASON_LENGTH,
    FocusAreaError,
    focus_area_define,
    focus_area_membership_correct,
)

DEFAULT_VINTAGE = 2020


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


@page_requires("areas.correct_membership")
def focus_area_membership(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme team changes which wijken make up an area, with a reason; the monitor is
    recomputed before the answer comes back."""
    user = request.user
    assert isinstance(user, User)
    area = get_object_or_404(FocusArea.objects.select_related("municipality"), slug=slug)
    decision = may(user, "areas.correct_membership", area)
    if not decision:
        raise PermissionDenied(decision.reason)
    wijken = selectors.wijken_in_municipality(area.municipality)
    members = sorted(area.members.values_list("region__code", flat=True))
    form = MembershipCorrectionForm(request.POST or None, wijken=wijken, initial={"codes": members})
    if request.method == "POST" and form.is_valid():
        try:
            correction = focus_area_membership_correct(
                actor=user,
                area=area,
                codes=form.cleaned_data["codes"],
                reason=form.cleaned_data["reason"],
                confidence=form.cleaned_data["confidence"],
            )
        except FocusAreaError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "De samenstelling van %(name)s is aangepast (%(added)d wijken erbij, "
                    "%(removed)d eraf); de cijfers zijn opnieuw berekend."
                )
                % {
                    "name": area.name,
                    "added": len(correction.added),
                    "removed": len(correction.removed),
                },
            )
            return redirect("focus-area-detail", slug=area.slug)
    return render(
        request,
        "areas/membership_form.html",
        {
            "area": area,
            "form": form,
            "wijken": wijken,
            "members": members,
            "chosen": form["codes"].value() or [],
            "curation": selectors.curation_decisions(area),
            "history": selectors.membership_history(area),
            "min_reason": MIN_REASON_LENGTH,
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
