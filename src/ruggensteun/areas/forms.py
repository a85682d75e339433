from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region


class FocusAreaForm(forms.Form):
    name = forms.CharField(label=_("Naam van het gebied"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Wijken en buurten"),
        queryset=Region.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één wijk of buurt.")},
    )

    def __init__(self, *args: object, regions: list[Region], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Region.objects.filter(pk__in=[region.pk for region in regions])
        self.regions = regions
