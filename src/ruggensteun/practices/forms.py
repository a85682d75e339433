from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import OrganisationType
from ruggensteun.areas.models import FocusArea

from .completeness import DESCRIPTION_FIELDS
from .models import AdoptionStatus, Coalition, CoalitionType, EvidenceLevel, OwnershipLevel
from .themes import theme_keys, theme_label

ERROR_MEDIA_LINE = _("Regel %(n)d: begin met een webadres (https://...).")
ERROR_PARTNER_LINE = _("Regel %(n)d: schrijf 'naam; soort; rol' met een bekende soort.")


def _theme_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Thema's (domeinen van de monitor)"),
        choices=[(key, theme_label(key)) for key in theme_keys()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _areas_field(required: bool = False) -> forms.ModelMultipleChoiceField[FocusArea]:
    return forms.ModelMultipleChoiceField(
        label=_("Focusgebieden"),
        queryset=FocusArea.objects.order_by("name"),
        required=required,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    coalition = forms.ModelChoiceField(
        label=_("Coalitie"), queryset=Coalition.objects.order_by("name"), required=False
    )
    themes = _theme_field()
    focus_areas = _areas_field()
    evidence_level = forms.ChoiceField(label=_("Onderbouwing"), choices=EvidenceLevel.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in DESCRIPTION_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=capfirst(label), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.fields["media"] = forms.CharField(
            label=_("Links naar meer informatie"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Eén link per regel: het adres, een spatie en een korte omschrijving."),
        )

    def clean_media(self) -> list[tuple[str, str]]:
        validate = URLValidator(schemes=["https", "http"])
        links = []
        for number, line in enumerate(self.cleaned_data["media"].splitlines(), start=1):
            if not line.strip():
                continue
            url, _space, caption = line.strip().partition(" ")
            try:
                validate(url)
            except forms.ValidationError:
                raise forms.ValidationError(str(ERROR_MEDIA_LINE) % {"n": number}) from None
            links.append((url, caption.strip() or url))
        return links


class CoalitionForm(forms.Form):
    name = forms.CharField(label=_("Naam van de coalitie"), max_length=200)
    type = forms.ChoiceField(label=_("Soort coalitie"), choices=CoalitionType.choices)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    themes = _theme_field()
    focus_areas = _areas_field(required=True)
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eén partner per regel: naam; soort; rol. Soorten: "
            + ", ".join(OrganisationType.values)
            + ". Geen namen van personen."
        ),
    )
    resident_ownership = forms.CharField(
        label=_("Eigenaarschap van bewoners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    resident_ownership_level = forms.ChoiceField(
        label=_("Mate van eigenaarschap"), choices=OwnershipLevel.choices
    )
    contact_email = forms.EmailField(
        label=_("Contact (e-mailadres van de organisatie, geen persoonlijk adres)"), required=False
    )
    contact_website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean_partners(self) -> list[tuple[str, str, str]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["partners"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            if len(parts) < 2 or parts[1] not in OrganisationType.values:
                raise forms.ValidationError(str(ERROR_PARTNER_LINE) % {"n": number})
            rows.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
        return rows


class AdoptionForm(forms.Form):
    focus_area = forms.ModelChoiceField(
        label=_("Gebied waar de aanpak wordt overgenomen"),
        queryset=FocusArea.objects.order_by("name"),
    )
    coalition = forms.ModelChoiceField(
        label=_("Coalitie die de aanpak overneemt"),
        queryset=Coalition.objects.order_by("name"),
        required=False,
    )
    adapted = forms.CharField(
        label=_("Wat is aangepast"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Waarom"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(label=_("Status"), choices=AdoptionStatus.choices)
    outcome = forms.CharField(
        label=_("Uitkomst tot nu toe"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, coalitions: QuerySet[Coalition], **kwargs: Any) -> None:
        """`coalitions`: those the user may name (selectors.coalitions_for)."""
        super().__init__(*args, **kwargs)
        field = self.fields["coalition"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = coalitions


class StepForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
