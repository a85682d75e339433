from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.services import import_upload
from ruggensteun.permissions import may, page_requires, public_page

from .forms import SessionForm, SignalForm, SignalImportForm
from .importers import SignalImporter
from .models import Signal
from .selectors import (
    area_signals,
    public_table,
    session_areas,
    session_indicator_choices,
    sessions_of,
)
from .services import (
    SignalInput,
    SignalRefused,
    session_submit,
    signal_read,
    signal_record,
    signals_readable,
)
from .taxonomy import BY_KEY

ERROR_SIGNAL_NOT_FOUND = gettext_lazy("Dit signaal bestaat niet of u mag het niet inzien.")
ERROR_NO_SESSION_AREA = gettext_lazy("Duidingssessies zijn voor de professionals van het gebied.")


@public_page
def signals_home(request: HttpRequest) -> HttpResponse:
    """Public: aggregates per focus area and theme (small counts suppressed). Logged-in readers
    also see the signals they may read; sensitive ones are audited as they are shown."""
    areas = list(FocusArea.objects.select_related("municipality").order_by("name"))
    chosen = next((a for a in areas if a.slug == request.GET.get("gebied")), None)
    user = request.user
    readable: list[Signal] = []
    if isinstance(user, User) and may(user, "signals.list"):
        source = area_signals(chosen) if chosen else Signal.objects.all()
        readable = signals_readable(user, source[:200])
    table = public_table(chosen) if chosen else []
    return render(
        request,
        "signals/home.html",
        {
            "areas": areas,
            "chosen": chosen,
            "table": table,
            # The counts say so when fictional demo signals are among them (issue 15).
            "includes_demo": any(row.demo for row in table),
            "readable": readable,
            "may_record": isinstance(user, User) and may(user, "signals.record"),
        },
    )


@page_requires("signals.record")
def signal_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = SignalForm(request.POST or None, user=user)
    refusal: SignalRefused | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signal = signal_record(
                actor=user,
                data=SignalInput(
                    region=data["region"],
                    theme=data["theme"],
                    period=data["period"],
                    professional_role=data["professional_role"],
                    intensity=data["intensity"],
                    trend=data["trend"],
                    confidence=data["confidence"],
                    narrative=data["narrative"],
                    organisation=data["organisation"],
                    sensitive=data["sensitive"],
                ),
                accept_redacted=data["accept_redacted"] or None,
            )
        except SignalRefused as exc:
            refusal = exc
        else:
            messages.success(request, _("Het signaal is opgeslagen."))
            return redirect(_after_saving(signal))
    return render(request, "signals/signal_form.html", {"form": form, "refusal": refusal})


def _after_saving(signal: Signal) -> str:
    """The dashboard of the focus area holding the signal's wijk, at the theme's domain."""
    wijk_code = "WK" + signal.region.code[2:8]
    area = FocusArea.objects.filter(
        members__region__code__in=[signal.region.code, wijk_code],
        members__region__vintage=signal.region.vintage,
    ).first()
    if area is None:
        return reverse("signals-home")
    domain = BY_KEY[signal.theme].domain
    return reverse("focus-area-detail", args=[area.slug]) + f"#signalen-{domain}"


@page_requires("signals.list")
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A signal the user may read. One the user may not read answers 404, exactly like an id
    that does not exist, so ids cannot be probed (the refusal is audited when sensitive)."""
    user = request.user
    assert isinstance(user, User)
    signal = Signal.objects.select_related("region", "organisation").filter(pk=pk).first()
    if signal is None:
        raise Http404(ERROR_SIGNAL_NOT_FOUND)
    try:
        signal_read(user, signal)  # refuses or audits
    except PermissionDenied:
        raise Http404(ERROR_SIGNAL_NOT_FOUND) from None
    return render(request, "signals/signal_detail.html", {"signal": signal})


@page_requires("signals.import")
def signals_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = SignalImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = import_upload(
                form.cleaned_data["file"], importer=SignalImporter(user), actor=user
            )
        except ImportRejected as exc:
            problems = [str(problem) for problem in exc.problems]
        else:
            messages.success(
                request,
                _("%(count)d signalen geïmporteerd.") % {"count": outcome.run.rows_accepted},
            )
            return redirect("signals-home")
    return render(request, "signals/import.html", {"form": form, "problems": problems})


@page_requires("signals.sessions")
def sessions(request: HttpRequest) -> HttpResponse:
    """The sessions of the user's areas, and the form that records one."""
    user = request.user
    assert isinstance(user, User)
    areas = session_areas(user)
    if not areas:
        raise PermissionDenied(str(ERROR_NO_SESSION_AREA))
    form = SessionForm(request.POST or None, areas=areas, indicators=session_indicator_choices())
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            session_submit(actor=user, data=form.session_input(request.POST.getlist("signals")))
        except SignalRefused as exc:
            refusal = exc
        else:
            messages.success(request, _("De duidingssessie is vastgelegd."))
            return redirect("signal-sessions")
    return render(
        request,
        "signals/sessions.html",
        {"form": form, "sessions": sessions_of(areas)[:50], "refusal": refusal},
    )
