"""The documented composition of the default areas (issue 15): each name in the source that is
no CBS wijk has a decision with its CBS wijken, reason and confidence, shown by
`areas/_curation.html`."""

import pytest
from django.template.loader import render_to_string

from ruggensteun.areas.models import Confidence, FocusArea, MembershipDecision
from ruggensteun.areas.selectors import CurationDecision, curation_decisions

pytestmark = pytest.mark.django_db


def _decision(**overrides: object) -> CurationDecision:
    values: dict[str, object] = {
        "listed_name": "Zaandam Zuid",
        "codes": ["WK047911"],
        "names": ["Wijk 11 Zaandam Zuid"],
        "reason": "Een reden.",
        "confidence": Confidence.MEDIUM,
        "confidence_label": "gemiddeld",
        "source": "curation.csv",
    }
    values.update(overrides)
    return CurationDecision(**values)  # type: ignore[arg-type]


@pytest.mark.issue(15)
def test_the_selector_gives_each_decision_with_the_cbs_names_of_its_codes() -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    MembershipDecision.objects.filter(focus_area=area).delete()
    MembershipDecision.objects.create(
        focus_area=area,
        listed_name="Zaandam Zuid",
        codes=["WK047912", "WK047913"],
        reason="Twee wijken.",
        confidence=Confidence.LOW,
        source="test",
    )
    [decision] = curation_decisions(area)
    assert decision.listed_name == "Zaandam Zuid"
    assert decision.codes == ["WK047912", "WK047913"]
    assert decision.names == ["Wijk 12 Poelenburg", "Wijk 13 Pelders- en Hoornseveld"]
    assert decision.pairs == [
        ("WK047912", "Wijk 12 Poelenburg"),
        ("WK047913", "Wijk 13 Pelders- en Hoornseveld"),
    ]
    assert (decision.reason, decision.confidence, decision.confidence_label) == (
        "Twee wijken.",
        "low",
        "laag",
    )


def test_the_partial_renders_each_name_with_its_wijken_reason_and_confidence() -> None:
    html = render_to_string("areas/_curation.html", {"curation": [_decision()]})
    assert "Samenstelling van het gebied" in html
    assert "Zaandam Zuid" in html
    assert "Wijk 11 Zaandam Zuid <code>WK047911</code>" in html
    assert "Een reden." in html
    assert "gemiddeld" in html


def test_the_partial_renders_nothing_without_decisions() -> None:
    assert render_to_string("areas/_curation.html", {"curation": []}).strip() == ""
