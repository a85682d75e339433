"""A municipality's own figures on the web: the template to download (CSV or XLSX, pre-filled
with the municipality and its wijken), its columns explained, and the upload that runs the
template importer limited to that municipality, all-or-nothing and audited, then recomputes
the monitor (synchronously for now; issue 18 moves it to a job).

The columns are described once, here: the page, the XLSX's explanation sheet and the README's
section (tests/monitor/test_upload.py keeps the README in step) say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.areas.models import FocusArea, Level, Region
from ruggensteun.areas.selectors import wijken_in_municipality
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.services import ImportOutcome, import_upload
from ruggensteun.permissions import may, page_requires
from ruggensteun.web.http import TABLE_FORMATS, download_response

from .catalogue import Indicator, load
from .downloads import _csv, _xlsx
from .importers.template import TemplateImporter
from .models import Observation
from .recompute import monitor_recompute

VINTAGE = 2020  # the CBS division the template's region codes default to
ERROR_NO_FORMAT = _("Het sjabloon is er als csv of xlsx.")


@dataclass(frozen=True)
class TemplateColumn:
    name: str
    required: bool
    meaning: Promise
    allowed: Promise


COLUMNS = (
    TemplateColumn(
        "regiocode",
        True,
        _("CBS-code van de regio: de gemeente zelf, een wijk of een buurt."),
        _("Alleen codes van deze gemeente, bijv. GM0479, WK047912 of BU04791210."),
    ),
    TemplateColumn(
        "naam",
        False,
        _("Naam van de regio, alleen ter herkenning; wordt niet gelezen."),
        _("Vrije tekst."),
    ),
    TemplateColumn(
        "indicator",
        True,
        _("Welke indicator: de id uit de indicatorcatalogus."),
        _("Een id uit de lijst hieronder (in de XLSX op het tabblad 'indicatoren')."),
    ),
    TemplateColumn(
        "periode",
        True,
        _("De periode waarover het cijfer gaat."),
        _("Een jaar (2020) of een andere periodecode, bijv. 2021-kw1; hooguit 32 tekens."),
    ),
    TemplateColumn(
        "teller",
        False,
        _("Het aantal (bijv. inwoners met bijstand), samen met de noemer."),
        _("Een getal van 0 of meer; bij een aandeel niet groter dan de noemer."),
    ),
    TemplateColumn(
        "noemer",
        False,
        _("Het aantal waarop de teller betrekking heeft (bijv. alle inwoners)."),
        _("Een getal groter dan 0."),
    ),
    TemplateColumn(
        "waarde",
        False,
        _("Het cijfer in de eenheid van de indicator (%, per 1.000 inwoners, ...)."),
        _(
            "Een getal; verplicht zonder teller en noemer. Met teller en noemer moet het "
            "kloppen met teller / noemer, tot op 1 % of 0,05."
        ),
    ),
    TemplateColumn(
        "status",
        False,
        _("Of het cijfer nog kan veranderen."),
        _("voorlopig of definitief; leeg is definitief."),
    ),
    TemplateColumn(
        "indeling",
        False,
        _("Het CBS-indelingsjaar van de regiocode."),
        _("Vier cijfers; leeg is 2020."),
    ),
)
HEADER = [column.name for column in COLUMNS]
EXAMPLE = ["WK047912", "Wijk 12 Poelenburg", "ggd_moeite_rondkomen", "2020", "", "", "30,2"]
EXAMPLE += ["voorlopig", "2020"]


class FiguresUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Ingevuld sjabloon (CSV of XLSX)"),
        help_text=_(
            "CSV met puntkomma's (decimale komma's, zoals Excel in het Nederlands opslaat) of "
            "komma's (decimale punten), of XLSX met de gegevens op het tabblad 'gegevens'."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


@dataclass(frozen=True)
class UploadSummary:
    run: ImportRun
    observations: int
    regions: int
    periods: list[str]
    indicators: list[Indicator | str]


def figures_import(*, upload: Any, municipality: Region, actor: User) -> ImportOutcome:
    """Import an uploaded template for `municipality` (regions outside it are problems), then
    recompute the monitor as the command line does after an import. Raises ImportRejected,
    with every problem, when nothing was stored."""
    outcome = import_upload(
        upload, importer=TemplateImporter(municipality.code), actor=actor, force=True
    )
    monitor_recompute()
    return outcome


def upload_summary(run: ImportRun) -> UploadSummary:
    """What a successful upload stored: counts, periods and indicators (catalogue order)."""
    catalogue = load()
    stored = Observation.objects.filter(import_run=run)
    indicator_ids = set(stored.values_list("indicator", flat=True).distinct())
    periods = sorted(set(stored.values_list("period", flat=True).distinct()))
    return UploadSummary(
        run=run,
        observations=stored.count(),
        regions=stored.values("region").distinct().count(),
        periods=[catalogue.period_label(period) for period in periods],
        indicators=[i for key, i in catalogue.indicators.items() if key in indicator_ids],
    )


def template_rows(municipality: Region) -> list[list[Any]]:
    """One empty row for the municipality and one for each of its wijken."""
    regions = [municipality, *wijken_in_municipality(municipality)]
    return [[r.code, r.display_name, "", "", "", "", "", "", r.vintage] for r in regions]


def template_file(municipality: Region, fmt: str) -> bytes:
    rows = template_rows(municipality)
    if fmt == "csv":
        return _csv(HEADER, rows)
    about = [
        str(_("Ruggensteun: sjabloon voor eigen cijfers van %(name)s (%(code)s)."))
        % {"name": municipality.display_name, "code": municipality.code},
        str(_("Vul op het tabblad 'gegevens' per regel één cijfer in; lege regels tellen niet.")),
        *[f"{c.name}: {c.meaning} {c.allowed}" for c in COLUMNS],
        str(_("Voorbeeld: %(row)s")) % {"row": "; ".join(EXAMPLE)},
    ]
    return _xlsx("gegevens", HEADER, rows, about)


def _municipality_for(request: HttpRequest, code: str) -> tuple[User, Region]:
    user = request.user
    assert isinstance(user, User)
    municipality = get_object_or_404(Region, vintage=VINTAGE, level=Level.GEMEENTE, code=code)
    decision = may(user, "monitor.upload_figures", municipality)
    if not decision:
        raise PermissionDenied(decision.reason)
    return user, municipality


@page_requires("monitor.upload_figures")
def figures_template(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    _user, municipality = _municipality_for(request, code)
    if fmt not in TABLE_FORMATS:
        raise Http404(ERROR_NO_FORMAT)
    body = template_file(municipality, fmt)
    return download_response(body, fmt, f"sjabloon-eigen-cijfers-{municipality.code}.{fmt}")


@page_requires("monitor.upload_figures")
def figures_upload(request: HttpRequest, code: str) -> HttpResponse:
    """An analyst uploads their municipality's own figures through the template."""
    user, municipality = _municipality_for(request, code)
    form = FiguresUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = figures_import(
                upload=form.cleaned_data["file"], municipality=municipality, actor=user
            )
        except ImportRejected as exc:
            problems = [str(problem) for problem in exc.problems]
        else:
            url = reverse("municipality-figures", args=[municipality.code])
            return redirect(f"{url}?upload={outcome.run.pk}")
    return render(
        request,
        "monitor/figures_upload.html",
        {
            "municipality": municipality,
            "form": form,
            "problems": problems,
            "summary": _summary_shown(request, user),
            "columns": list(zip(COLUMNS, EXAMPLE, strict=True)),
            "indicators": list(load().indicators.values()),
            "areas": FocusArea.objects.filter(municipality=municipality).order_by("name"),
        },
    )


def _summary_shown(request: HttpRequest, user: User) -> UploadSummary | None:
    """The summary of the user's own successful upload named in `?upload=`, else None."""
    number = request.GET.get("upload", "")
    if not number.isdigit():
        return None
    run = ImportRun.objects.filter(
        pk=int(number), source=TemplateImporter.source, actor=user, status=ImportStatus.SUCCEEDED
    ).first()
    return upload_summary(run) if run else None
