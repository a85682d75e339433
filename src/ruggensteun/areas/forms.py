from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FocusArea, Region
from .services import ERROR_NO_MEMBERS

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
