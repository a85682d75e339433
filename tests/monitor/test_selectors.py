"""The monitor's typed reads: comparison rows with a figure per level, the member wijken's
rows in one query, and an area's stacking."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.downloads import download_rows
from ruggensteun.monitor.models import ComparisonResult
from ruggensteun.monitor.results import NO_FIGURE, ComparisonRow, Figure
from ruggensteun.monitor.selectors import (
    area_stackings,
    latest_result_set,
    member_comparisons,
    member_comparisons_of,
)
from ruggensteun.practices.similar import flagged_domains

pytestmark = pytest.mark.issue(13)

POELENBURG = "WK047912"
STORED = {
    "indicator": "aandeel",
    "period": "2020",
    "area_value": 26.0,
    "area_lower": 20.9,
    "area_upper": 31.8,
    "area_num": 65,
    "area_den": 250,
    "area_change": 2.0,
    "rest_value": None,
    "rest_reason": "suppressed_complement",
    "gm_value": 20.0,
    "nl_value": 15.0,
    "verdict_rest": None,
    "verdict_nl": "sign_worse",
    "verdict_gm_nl": "sign_worse",
    "verdict_doc": "not_testable",
    "baseline": "2016",
    "notes": ["Cijfer van veiligheidsregio Zaanstreek-Waterland (VR11)"],
}


def test_a_stored_row_reads_as_one_figure_per_level() -> None:
    row = ComparisonRow.stored(STORED)
    assert row.area == Figure(
        value=26.0,
        lower=20.9,
        upper=31.8,
        numerator=65,
        denominator=250,
        change=2.0,
        versus_rest="",  # stored as null: no test
        versus_nl="sign_worse",
    )
    assert row.rest == Figure(reason="suppressed_complement") and row.rest.empty
    assert row.municipality == Figure(value=20.0, versus_nl="sign_worse")
    assert row.nederland == Figure(value=15.0)
    assert (row.verdict_rest, row.verdict_nl, row.verdict_gm_nl) == ("", "sign_worse", "sign_worse")
    assert (row.baseline, row.verdict_doc, row.members) == ("2016", "not_testable", ())
    assert row.notes == ("Cijfer van veiligheidsregio Zaanstreek-Waterland (VR11)",)


@pytest.mark.django_db
def test_member_comparisons_reads_the_area_and_all_its_wijken_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    # The result set, the members with their regions, and one query for the comparison rows
    # of the area and of all five wijken together.
    with django_assert_num_queries(3):
        comparisons = member_comparisons(area)
    codes = [region.code for region in comparisons.members]
    assert codes == sorted(codes) and len(codes) == 5 and POELENBURG in codes
    row = comparisons.row("ggd_moeite_rondkomen", "2020")
    # Published GGD figures: an estimate has no area total, Poelenburg has 30.2%.
    assert row.area.value is None and row.area.reason == "not_computable"
    assert (row.municipality.value, row.nederland.value) == (17.9, 13.9)
    poelenburg = comparisons.members[codes.index(POELENBURG)]
    assert row.members[codes.index(POELENBURG)].value == 30.2
    # Each member figure is the area figure of the wijk's own stored row.
    stored = ComparisonResult.objects.get(
        result_set=latest_result_set(),
        region=poelenburg,
        indicator="ggd_moeite_rondkomen",
        period="2020",
    ).data
    assert row.members[codes.index(POELENBURG)] == ComparisonRow.stored(stored).area  # type: ignore[arg-type]
    own = comparisons.member_rows[poelenburg.pk]
    assert (
        len(own)
        == ComparisonResult.objects.filter(
            result_set=latest_result_set(), region=poelenburg
        ).count()
    )
    assert [(r.indicator, r.period) for r in own] == sorted((r.indicator, r.period) for r in own)


@pytest.mark.django_db
def test_a_missing_row_has_no_figures_but_keeps_the_wijken() -> None:
    comparisons = member_comparisons(FocusArea.objects.get(slug="zaandam-oost"))
    row = comparisons.row("ggd_moeite_rondkomen", "1999")
    assert row.area is NO_FIGURE and row.municipality is NO_FIGURE
    assert row.members == (NO_FIGURE,) * 5


@pytest.mark.django_db
def test_every_area_and_wijk_comes_in_three_queries(django_assert_num_queries: Any) -> None:
    areas = list(FocusArea.objects.all())
    with django_assert_num_queries(3):
        found = member_comparisons_of(areas, indicators=["ggd_moeite_rondkomen"])
    assert set(found) == {area.pk for area in areas}
    heerlen = next(area for area in areas if area.slug == "heerlen-noord")
    # Curated (issue 15): Hoensbroek = wijken 10-14, Heerlerheide = wijken 20-24.
    expected = {f"WK0917{n}" for n in (10, 11, 12, 13, 14, 20, 21, 22, 23, 24)}
    assert {region.code for region in found[heerlen.pk].members} == expected


@pytest.mark.django_db
def test_the_area_download_no_longer_queries_per_wijk(django_assert_num_queries: Any) -> None:
    area = FocusArea.objects.select_related("municipality").get(slug="zaandam-oost")
    with django_assert_num_queries(3):  # was 4 + one per wijk (9 for Zaandam Oost)
        rows = download_rows(area)
    poelenburg = [
        r
        for r in rows
        if r.code == POELENBURG and r.indicator == "ggd_moeite_rondkomen" and r.periode == "2020"
    ]
    assert [(r.waarde, r.gemeente, r.nederland) for r in poelenburg] == [(30.2, 17.9, 13.9)]


@pytest.mark.django_db
def test_area_stacking_is_what_the_overview_counts() -> None:
    areas = list(FocusArea.objects.all())
    stackings = area_stackings(areas)
    zaandam = next(area for area in areas if area.slug == "zaandam-oost")
    stacking = stackings[zaandam.pk]
    assert stacking.count == sum(stacking.flagged(key) for key in stacking.domains) == 3
    # "Areas like yours" suggests practices for the same flagged domains.
    assert len(flagged_domains(zaandam)) == 3
    assert all(stacking.flagged(key) for key in flagged_domains(zaandam))


@pytest.mark.django_db
def test_area_table_prints_figures_and_reasons_in_dutch_notation() -> None:
    out = StringIO()
    call_command("area_table", "zaandam-oost", indicator="ggd_moeite_rondkomen", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Zaandam Oost (Zaanstad)"
    # An estimate has no area total or rest ("n.b."); Zaanstad and Nederland as published.
    assert lines[3].split() == [
        "Moeite",
        "met",
        "rondkomen",
        "2016",
        "n.b.",
        "n.b.",
        "22,8",
        "19,2",
        "–",
    ]
    assert lines[4].split()[-5:] == ["n.b.", "n.b.", "17,9", "13,9", "–"]
