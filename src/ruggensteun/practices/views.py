from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ruggensteun.accounts.models import User
from ruggensteun.areas.selectors import MapPlace, municipalities_map
from ruggensteun.permissions import may, page_requires, public_page

from .completeness import DESCRIPTION_FIELDS
from .errors import PracticeError
from .forms import AdoptionForm, CoalitionForm, PracticeForm, StepForm
from .models import Practice
from .search import search
from .search.facets import FACETS
from .selectors import (
    allowed_transitions,
    coalition_public,
    coalitions_for,
    coalitions_public,
    practice_for,
    practice_history,
    practice_spread,
    review_queue,
)
from .services import (
    AdoptionData,
    CoalitionData,
    MediaData,
    PartnerData,
    PracticeData,
    adoption_record,
    coalition_create,
    practice_create,
    practice_transition,
    practice_update,
)
from .similar import practices_like
from .themes import theme_label

ERROR_NO_PRACTICE = gettext_lazy("Deze aanpak bestaat niet, of is (nog) niet gepubliceerd.")
ERROR_NO_COALITION = gettext_lazy("Deze coalitie bestaat niet.")

PAGE_SIZE = 20


@public_page
def practice_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    filters = {key: request.GET.getlist(key) for key in FACETS if request.GET.getlist(key)}
    try:
        offset = max(int(request.GET.get("vanaf", "0")), 0)
    except ValueError:
        offset = 0
    page = search(query, filters=filters, limit=PAGE_SIZE, offset=offset)
    return render(
        request,
        "practices/search.html",
        {
            "page": page,
            "query": query,
            "facet_labels": FACETS,
            "next_offset": offset + PAGE_SIZE if offset + PAGE_SIZE < page.total else None,
            "may_create": may(request.user, "practices.create_practice"),
            "may_review": may(request.user, "practices.review"),
        },
    )


def _visible(request: HttpRequest, slug: str) -> Practice:
    practice = practice_for(slug=slug, user=request.user)
    if practice is None:
        raise Http404(ERROR_NO_PRACTICE)
    return practice


def _spread_map(points: list[Any]) -> dict[str, Any] | None:
    """The Netherlands and the municipalities where the practice started or was adopted."""
    by_code: dict[str, MapPlace] = {}
    for point in points:
        if point.municipality_code:
            place = by_code.setdefault(
                point.municipality_code,
                MapPlace(point.municipality_code, point.municipality_name, "verspreiding", []),
            )
            place.areas.append(point.area_name)
    return municipalities_map(list(by_code.values()))


@public_page
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _visible(request, slug)
    points = practice_spread(practice)
    insider = may(request.user, "practices.view_unpublished", practice)
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "sections": [
                (label, getattr(practice, name)) for name, label in DESCRIPTION_FIELDS.items()
            ],
            "themes": [theme_label(key) for key in practice.themes],
            "spread": points,
            "spread_map": _spread_map(points),
            "like": practices_like(practice),
            "steps": allowed_transitions(practice, request.user),
            "history": practice_history(practice) if insider else [],
            "may_edit": may(request.user, "practices.edit_practice", practice),
            "may_adopt": practice.status == "published"
            and may(request.user, "practices.record_adoption"),
        },
    )


def _practice_data(form: PracticeForm) -> PracticeData:
    data = form.cleaned_data
    return PracticeData(
        title=data["title"],
        summary=data["summary"],
        themes=tuple(data["themes"]),
        focus_areas=tuple(data["focus_areas"]),
        coalition=data["coalition"],
        evidence_level=data["evidence_level"],
        media=tuple(MediaData(url, caption) for url, caption in data["media"]),
        **{name: data[name] for name in DESCRIPTION_FIELDS},
    )


@page_requires("practices.create_practice")
def practice_create_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = practice_create(actor=user, data=_practice_data(form))
        except PracticeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("De aanpak is opgeslagen als concept. Dien hem in als hij af is.")
            )
            return redirect("practice-detail", slug=practice.slug)
    return render(request, "practices/form.html", {"form": form, "practice": None})


@page_requires("practices.create_practice")
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    practice = _visible(request, slug)
    decision = may(user, "practices.edit_practice", practice)
    if not decision:
        raise PermissionDenied(decision.reason)
    initial = {
        "title": practice.title,
        "summary": practice.summary,
        "coalition": practice.coalition,
        "themes": practice.themes,
        "focus_areas": list(practice.focus_areas.all()),
        "evidence_level": practice.evidence_level,
        "media": "\n".join(f"{m.url} {m.caption}" for m in practice.media.all()),
        **{name: getattr(practice, name) for name in DESCRIPTION_FIELDS},
    }
    form = PracticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            practice_update(actor=user, practice=practice, data=_practice_data(form))
        except PracticeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("practice-detail", slug=practice.slug)
    return render(request, "practices/form.html", {"form": form, "practice": practice})


@require_POST
@page_requires("practices.workflow_step")
def practice_step(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    practice = _visible(request, slug)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            result = practice_transition(
                practice=practice,
                to_status=form.cleaned_data["to_status"],
                actor=user,
                comment=form.cleaned_data["comment"],
            )
        except PracticeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Status: %(status)s.") % {"status": result.practice.get_status_display()},
            )
    return redirect("practice-detail", slug=practice.slug)


@page_requires("practices.review")
def practice_review(request: HttpRequest) -> HttpResponse:
    return render(request, "practices/review.html", {"queue": review_queue()})


@page_requires("practices.record_adoption")
def adoption_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    practice = _visible(request, slug)
    form = AdoptionForm(request.POST or None, coalitions=coalitions_for(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adoption_record(
                actor=user,
                practice=practice,
                data=AdoptionData(
                    focus_area=data["focus_area"],
                    coalition=data["coalition"],
                    adapted=data["adapted"],
                    reason=data["reason"],
                    status=data["status"],
                    outcome=data["outcome"],
                ),
            )
        except PracticeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De overname is vastgelegd."))
            return redirect("practice-detail", slug=practice.slug)
    return render(request, "practices/adoption_form.html", {"form": form, "practice": practice})


@public_page
def coalition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "practices/coalitions.html",
        {
            "coalitions": coalitions_public(),
            "may_create": may(request.user, "practices.create_coalition"),
        },
    )


@public_page
def coalition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = coalition_public(slug)
    if coalition is None:
        raise Http404(ERROR_NO_COALITION)
    return render(request, "practices/coalition_detail.html", {"coalition": coalition})


@page_requires("practices.create_coalition")
def coalition_create_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = CoalitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coalition = coalition_create(
                actor=user,
                data=CoalitionData(
                    name=data["name"],
                    type=data["type"],
                    description=data["description"],
                    themes=tuple(data["themes"]),
                    focus_areas=tuple(data["focus_areas"]),
                    partners=tuple(PartnerData(*row) for row in data["partners"]),
                    resident_ownership=data["resident_ownership"],
                    resident_ownership_level=data["resident_ownership_level"],
                    contact_email=data["contact_email"],
                    contact_website=data["contact_website"],
                ),
            )
        except PracticeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De coalitie is geregistreerd."))
            return redirect("coalition-detail", slug=coalition.slug)
    return render(request, "practices/coalition_form.html", {"form": form})
