from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Organisation, Role, User
from ruggensteun.areas.models import FocusArea, Level, Region
from ruggensteun.permissions import grants

from .models import NARRATIVE_MAX, ActionStatus, Confidence, ProfessionalRole, Trend
from .services import SessionInput
from .taxonomy import recent_quarters, theme_choices

ERROR_ACTION_OWNER = _("Een actie heeft een eigenaar.")
FIRST_QUARTER = "2020-K1"  # the corona crisis: signals from before are not asked for


def quarter_choices(today: date | None = None) -> list[tuple[str, str]]:
    quarters = recent_quarters(today or date.today(), count=40)
    return [(q, q.replace("-K", ", kwartaal ")) for q in quarters if q >= FIRST_QUARTER]


def regions_of(user: User, vintage: int = 2020) -> list[Region]:
    """The wijken and buurten a professional may record signals for."""
    query = Q(pk__in=[])
    for grant in grants(user):
        if grant.role != Role.PROFESSIONAL:
            continue
        code = grant.area_code
        if not code or code == "NL01":
            query = Q(level__in=[Level.WIJK, Level.BUURT])
            break
        digits = code[2:]
        query |= (
            Q(code=code) | Q(code__startswith="WK" + digits) | Q(code__startswith="BU" + digits)
        )
    return list(
        Region.objects.filter(query, vintage=vintage, level__in=[Level.WIJK, Level.BUURT])
        .select_related("parent")
        .order_by("code")
    )


def own_region(user: User, regions: list[Region]) -> Region | None:
    """The professional's own wijk or buurt, when their assignments name exactly one: the form
    preselects it. A municipality-wide, national or multiple assignment preselects nothing."""
    codes = {grant.area_code for grant in grants(user) if grant.role == Role.PROFESSIONAL}
    if len(codes) != 1:
        return None
    (code,) = codes
    return next((region for region in regions if region.code == code), None)


def _region_label(region: Region) -> str:
    return f"{region.display_name} ({region.code})"


class SignalForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Wijk of buurt"), queryset=Region.objects.none())
    theme = forms.ChoiceField(label=_("Thema"), choices=())
    period = forms.ChoiceField(label=_("Periode"), choices=())
    professional_role = forms.ChoiceField(label=_("Uw rol"), choices=ProfessionalRole.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none(), required=False
    )
    intensity = forms.TypedChoiceField(
        label=_("Intensiteit"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1 = nauwelijks merkbaar, 5 = zeer sterk aanwezig"),
    )
    trend = forms.ChoiceField(
        label=_("Ontwikkeling"), choices=Trend.choices, widget=forms.RadioSelect
    )
    confidence = forms.ChoiceField(
        label=_("Zekerheid"), choices=Confidence.choices, widget=forms.RadioSelect
    )
    narrative = forms.CharField(
        label=_("Korte toelichting"),
        max_length=NARRATIVE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Beschrijf wat u ziet, zonder namen, adressen, telefoonnummers, e-mailadressen, "
            "BSN of rekeningnummers. Ruggensteun controleert dit voor het opslaan."
        ),
    )
    sensitive = forms.BooleanField(
        label=_("Gevoelig: alleen voor wie het moet weten"), required=False
    )
    accept_redacted = forms.CharField(
        label=_("Geschoonde tekst overnemen"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = regions_of(user)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ModelChoiceField)
        region_field.queryset = Region.objects.filter(pk__in=[r.pk for r in self.regions])
        region_field.label_from_instance = _region_label  # type: ignore[method-assign,assignment]
        if (own := own_region(user, self.regions)) is not None:
            region_field.initial = own.pk
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        organisation_field.queryset = user.organisations.all()
        self.fields["theme"].choices = theme_choices()  # type: ignore[attr-defined]
        self.fields["period"].choices = quarter_choices()  # type: ignore[attr-defined]


class SignalImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand met signalen"),
        help_text=_(
            "Kolommen: wijkcode; thema; periode; rol; intensiteit; ontwikkeling; zekerheid; "
            "toelichting. Gebruik het sjabloon."
        ),
    )


class SessionForm(forms.Form):
    focus_area = forms.ModelChoiceField(label=_("Gebied"), queryset=FocusArea.objects.none())
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants_note = forms.CharField(
        label=_("Overige deelnemers (functies, geen namen)"), max_length=300, required=False
    )
    indicators = forms.MultipleChoiceField(
        label=_("Besproken indicatoren"),
        required=False,
        choices=(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    interpretation = forms.CharField(
        label=_("Gedeelde duiding"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    action_description = forms.CharField(label=_("Actie"), max_length=300, required=False)
    action_owner = forms.CharField(
        label=_("Eigenaar van de actie (organisatie of functie)"), max_length=200, required=False
    )
    action_due = forms.DateField(
        label=_("Uiterlijk"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    action_status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.OPEN
    )

    def __init__(
        self, *args: Any, areas: list[FocusArea], indicators: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["focus_area"]
        assert isinstance(area_field, forms.ModelChoiceField)
        area_field.queryset = FocusArea.objects.filter(pk__in=[a.pk for a in areas])
        self.fields["indicators"].choices = indicators  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action_description") and not data.get("action_owner"):
            self.add_error("action_owner", ERROR_ACTION_OWNER)
        return data

    def session_input(self, signal_ids: list[str]) -> SessionInput:
        """The valid form as the service's input; one action when a description was given."""
        data = self.cleaned_data
        action = {
            "description": data["action_description"],
            "owner": data["action_owner"],
            "due_date": data["action_due"],
            "status": data["action_status"],
        }
        return SessionInput(
            area=data["focus_area"],
            date=data["date"],
            interpretation=data["interpretation"],
            organisations=list(data["organisations"]),
            participants_note=data["participants_note"],
            indicators=data["indicators"],
            signal_ids=signal_ids,
            actions=[action] if data["action_description"] else [],
        )
