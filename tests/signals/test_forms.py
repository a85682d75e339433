"""The signal form (issue 15 item 9): Dutch labels only, and the professional's own wijk
preselected when their assignment names exactly one."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ruggensteun.accounts.models import Role
from ruggensteun.accounts.services import role_assign
from ruggensteun.areas.models import Region
from ruggensteun.signals.forms import SignalForm
from tests.accounts.factories import user_with_role, verified_login

pytestmark = pytest.mark.django_db

POELENBURG = "WK047912"


@pytest.mark.issue(15)
def test_the_form_preselects_the_professionals_only_wijk(client: Client) -> None:
    professional = user_with_role(Role.PROFESSIONAL, POELENBURG)
    poelenburg = Region.objects.get(code=POELENBURG, vintage=2020)
    assert SignalForm(user=professional)["region"].value() == poelenburg.pk
    verified_login(client, professional)
    page = client.get(reverse("signal-create")).content.decode()
    assert f'<option value="{poelenburg.pk}" selected>' in page
    assert "Accept redacted" not in page and "Geschoonde tekst overnemen" not in page  # hidden


@pytest.mark.issue(15)
@pytest.mark.parametrize("codes", [["GM0479"], [POELENBURG, "WK047913"]])
def test_a_municipality_or_several_wijken_preselect_nothing(codes: list[str]) -> None:
    professional = user_with_role(Role.PROFESSIONAL, codes[0])
    for code in codes[1:]:
        role_assign(actor=None, user=professional, role=Role.PROFESSIONAL, area_code=code)
    professional.refresh_from_db()
    form = SignalForm(user=professional)
    assert len(form.regions) > 1 and form["region"].value() is None


@pytest.mark.issue(15)
def test_the_redacted_text_field_is_labelled_in_both_languages() -> None:
    field = SignalForm(user=user_with_role(Role.PROFESSIONAL, POELENBURG)).fields["accept_redacted"]
    assert str(field.label) == "Geschoonde tekst overnemen"
    with translation.override("en"):
        assert str(field.label) == "Accept the redacted text"
