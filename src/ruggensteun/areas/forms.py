from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Confidence, FocusArea, Region
from .services import (
    ERROR_NO_CONFIDENCE,
    ERROR_NO_MEMBERS,
    ERROR_REASON_TOO_SHORT,
    MIN_REASON_LENGTH,
)

ERROR_TOO_LARGE = _("Het bestand is groter dan 20 MB.")


class FocusAreaAdminForm(forms.ModelForm[FocusArea]):
    """The admin's form, carrying what the area was until its inlines are saved (for the audit)."""

    audit_before: dict[str, Any] | None = None

    class Meta:
        model = FocusArea
        fields = ["slug", "name", "municipality", "vintage", "is_default", "description"]
        fields += ["created_by"]


class FocusAreaForm(forms.Form):
    name = forms.CharField(label=_("Naam van het gebied"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Wijken en buurten"),
        queryset=Region.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": ERROR_NO_MEMBERS},
    )

    def __init__(self, *args: object, regions: list[Region], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Region.objects.filter(pk__in=[region.pk for region in regions])
        self.regions = regions


class CodesField(forms.MultipleChoiceField):
    """Wijk codes as ticked boxes. Whether each is a wijk of the area's municipality is the
    service's check (with a message naming the code), not Django's generic "invalid choice"."""

    def valid_value(self, value: str) -> bool:
        return True


class MembershipCorrectionForm(forms.Form):
    """The programme team's correction of an area's wijken, with a reason and confidence."""

    codes = CodesField(
        label=_("Wijken van het gebied"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": ERROR_NO_MEMBERS},
    )
    # Not `required`: an empty or too short reason gets the one message that names the minimum.
    reason = forms.CharField(
        label=_("Reden van de aanpassing"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confidence = forms.ChoiceField(
        label=_("Zekerheid"),
        choices=Confidence.choices,
        error_messages={"required": ERROR_NO_CONFIDENCE, "invalid_choice": ERROR_NO_CONFIDENCE},
    )

    def __init__(self, *args: object, wijken: list[Region], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["codes"]
        assert isinstance(field, CodesField)
        field.choices = [(wijk.code, f"{wijk.display_name} ({wijk.code})") for wijk in wijken]

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason") or "").strip()
        if len(reason) < MIN_REASON_LENGTH:
            raise forms.ValidationError(
                str(ERROR_REASON_TOO_SHORT) % {"minimum": MIN_REASON_LENGTH}
            )
        return reason


class BoundaryUploadForm(forms.Form):
    MAX_BYTES = 20 * 1024 * 1024

    file = forms.FileField(
        label=_("GeoJSON-bestand met wijkgrenzen"),
        help_text=_(
            "Een FeatureCollection in WGS84 (EPSG:4326), één Feature per wijk, met de "
            "CBS-wijkcode (bijv. WK047912) in de eigenschap 'code' of 'statcode'. Hooguit 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(ERROR_TOO_LARGE)
        return upload
