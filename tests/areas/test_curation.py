"""The documented composition of the default areas (issue 15): each name in the source that is
no CBS wijk has a decision with its CBS wijken, reason and confidence, shown by
`areas/_curation.html`."""

import csv
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from ruggensteun.areas.models import (
    Confidence,
    FocusArea,
    FocusAreaMember,
    Level,
    MatchMethod,
    MembershipDecision,
    UnmatchedName,
)
from ruggensteun.areas.selectors import (
    CurationDecision,
    curation_decisions,
    focus_areas_by_city,
)
from tests.imports.checks import FOCUS, rejected

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


SHIPPED = Path(__file__).resolve().parents[2] / "src/ruggensteun/areas/data/curation.csv"


@pytest.mark.issue(15)
def test_after_loading_every_default_area_has_cbs_wijken() -> None:
    empty = [
        area.name
        for area in FocusArea.objects.filter(is_default=True)
        if not area.members.filter(region__level=Level.WIJK).exists()
    ]
    assert FocusArea.objects.filter(is_default=True).count() == 20
    assert empty == []


@pytest.mark.issue(15)
def test_heerlen_noord_is_its_two_former_districts() -> None:
    area = FocusArea.objects.get(slug="heerlen-noord")
    members = dict(area.members.values_list("region__code", "listed_name"))
    assert sorted(members) == [f"WK0917{n}" for n in (10, 11, 12, 13, 14, 20, 21, 22, 23, 24)]
    assert members["WK091712"] == "Hoensbroek"
    assert members["WK091721"] == "Heerlerheide"
    assert {m.match_method for m in area.members.all()} == {MatchMethod.CURATED}


@pytest.mark.issue(15)
def test_each_decision_is_stored_with_its_reason_and_its_members_point_to_it() -> None:
    rows = list(csv.DictReader(SHIPPED.open(encoding="utf-8")))
    assert len(rows) == 34  # every name that matched no CBS wijk (issue 15)
    for row in rows:
        decision = MembershipDecision.objects.get(
            focus_area__name=row["area"], listed_name=row["name_in_source"]
        )
        assert decision.reason == row["reason"]
        assert decision.codes == [c for c in row["cbs_codes"].split(";") if c]
        assert (
            decision.confidence
            == {"hoog": "high", "middel": "medium", "laag": "low"}[row["confidence"]]
        )
        member_codes = set(
            decision.focus_area.members.filter(region__code__in=decision.codes).values_list(
                "region__code", flat=True
            )
        )
        assert member_codes == set(decision.codes), row["name_in_source"]
        unmatched = UnmatchedName.objects.get(
            focus_area=decision.focus_area, listed_name=row["name_in_source"]
        )
        assert unmatched.decision == decision


@pytest.mark.issue(15)
def test_a_wijk_several_names_decide_on_is_one_member_naming_them_all() -> None:
    member = FocusAreaMember.objects.get(
        focus_area__slug="den-haag-zuidwest", region__code="WK051833"
    )
    assert member.listed_name == "Bouwlust; Vrederust"
    assert member.match_method == MatchMethod.CURATED
    tanthof = FocusAreaMember.objects.get(focus_area__slug="delft-west", region__code="WK050323")
    assert tanthof.partial and tanthof.note == "Alleen een deel: part."


@pytest.mark.issue(15)
def test_a_decision_without_wijken_stays_open_on_the_overview() -> None:
    kalsdonk = UnmatchedName.objects.get(listed_name="Kalsdonk")
    assert kalsdonk.decision is not None and kalsdonk.decision.codes == []
    [group] = [g for g in focus_areas_by_city() if g.municipality.code == "GM1674"]
    # Kalsdonk has a decision (no wijk can be told from the data), so nothing is left open.
    assert group.areas[0].unmatched_count == 0
    assert group.areas[0].member_count == 4  # Langdonk by name, Centrum, Groot Kroeven, West


@pytest.mark.issue(15)
def test_a_wrong_code_in_the_curation_is_refused_in_dutch_and_nothing_changes(
    data_dir: Path, tmp_path: Path
) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    broken = tmp_path / "curation.csv"
    broken.write_text(
        text.replace("WK091710;", "WK099910;").replace(",hoog\n", ",zeker\n", 1),
        encoding="utf-8",
    )
    decisions = MembershipDecision.objects.count()
    error = rejected("focusgebieden", [data_dir / FOCUS, broken])
    messages = [str(problem) for problem in error.problems]
    assert (
        "curation.csv, regel 25, kolom 'cbs_codes': "
        "'WK099910' is geen CBS-wijk van Heerlen (GM0917) in de indeling 2020." in messages
    )
    assert any("kolom 'confidence': Onbekende zekerheid 'zeker'" in m for m in messages)
    assert MembershipDecision.objects.count() == decisions


def test_a_name_that_is_not_in_the_source_is_refused(data_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "curation.csv"
    broken.write_text(
        SHIPPED.read_text(encoding="utf-8") + "Heerlen Noord,Kerkrade,WK091730,Verkeerd.,laag\n",
        encoding="utf-8",
    )
    error = rejected("focusgebieden", [data_dir / FOCUS, broken])
    assert [str(p) for p in error.problems] == [
        "curation.csv, regel 36, kolom 'name_in_source': "
        "'Kerkrade' is geen naam uit de bron van Heerlen Noord."
    ]
