"""Heerlen Noord's work-and-income figures from the shipped CBS tables (issue 15, items 2-3): the
area without Wijk 23 De Hei (50 inhabitants, counts not published), the rest of Heerlen with it,
the difference of changes 2019→2020, and verdicts with CBS's rounding in the variance. The test
database holds the shipped data imported through the importers and one recompute (conftest)."""

from typing import Any

import pytest

from ruggensteun.analysis.significance import Verdict
from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.models import ComparisonResult, Observation
from ruggensteun.monitor.selectors import latest_result_set

pytestmark = [pytest.mark.django_db, pytest.mark.issue(15)]

HEERLEN = {"2019": (86_832, 4_320, 1_310), "2020": (87_086, 4_210, 1_400)}
# Hand sums of the shipped wijk counts of wijken 10-14 and 20-24 without 23 (De Hei):
# inhabitants, bijstand, WW.
AREA = {"2019": (38_055, 2_050, 590), "2020": (38_040, 1_990, 640)}
COLUMN = {"kwb_bijstand_per_1000": 1, "kwb_ww_per_1000": 2}
VERDICTS = {v.value for v in Verdict} - {Verdict.NOT_TESTABLE.value}


def row(indicator: str, period: str) -> dict[str, Any]:
    area = FocusArea.objects.get(slug="heerlen-noord")
    return ComparisonResult.objects.get(
        result_set=latest_result_set(), focus_area=area, indicator=indicator, period=period
    ).data


@pytest.mark.parametrize("indicator", COLUMN)
@pytest.mark.parametrize("period", ["2019", "2020"])
def test_the_area_is_the_sum_of_its_published_wijken_and_the_rest_is_heerlen_minus_it(
    indicator: str, period: str
) -> None:
    data = row(indicator, period)
    people, count = AREA[period][0], AREA[period][COLUMN[indicator]]
    assert (data["area_num"], data["area_den"]) == (count, people)
    assert data["area_value"] == pytest.approx(count / people * 1000)
    gm_people, gm_count = HEERLEN[period][0], HEERLEN[period][COLUMN[indicator]]
    assert (data["rest_num"], data["rest_den"]) == (gm_count - count, gm_people - people)
    assert data["rest_value"] == pytest.approx((gm_count - count) / (gm_people - people) * 1000)
    assert data["gm_value"] == pytest.approx(gm_count / gm_people * 1000)
    # What was left out travels with the row, as a code list and as a note for the page and API.
    assert data["area_basis"] == "published_members"
    assert data["area_omitted"] == ["WK091723"] and data["area_omitted_den"] == 50
    assert any(
        "Zonder Wijk 23 De Hei: 50 inwoners, cijfer niet gepubliceerd door CBS" in note
        for note in data["notes"]
    )


def test_the_difference_of_changes_is_the_hand_computed_one_and_tested() -> None:
    """Bijstand: the area 53.87 → 52.31 per 1,000 (-1.56), the rest 46.54 → 45.26 (-1.28):
    -0.28. WW: the area 15.50 → 16.82 (+1.32), the rest 14.76 → 15.50 (+0.73): +0.59."""
    expected = {
        "kwb_bijstand_per_1000": (1990 / 38040 - 2050 / 38055 - 2220 / 49046 + 2270 / 48777),
        "kwb_ww_per_1000": (640 / 38040 - 590 / 38055 - 760 / 49046 + 720 / 48777),
    }
    for indicator, change in expected.items():
        data = row(indicator, "2020")
        assert data["diff_of_changes"] == pytest.approx(change * 1000)
        assert data["p_doc"] is not None
        assert data["verdict_doc"] in VERDICTS
    assert row("kwb_bijstand_per_1000", "2020")["diff_of_changes"] == pytest.approx(
        -0.28, abs=0.005
    )
    assert row("kwb_ww_per_1000", "2020")["diff_of_changes"] == pytest.approx(0.59, abs=0.005)


@pytest.mark.parametrize("indicator", COLUMN)
@pytest.mark.parametrize("period", ["2019", "2020"])
def test_rounded_counts_get_verdicts_not_derived(indicator: str, period: str) -> None:
    data = row(indicator, period)
    assert data["p_rest"] is not None and data["verdict_rest"] in VERDICTS
    assert not any("niet op significantie getoetst" in note for note in data["notes"])
    assert any("afgerond op 10" in note for note in data["notes"])


def test_the_secret_rows_keep_their_inhabitants_and_nothing_else() -> None:
    for period in ("2019", "2020"):
        secret = Observation.objects.get(
            region__vintage=2020,
            region__code="WK091723",
            indicator="kwb_bijstand_per_1000",
            period=period,
        )
        assert (secret.value, secret.numerator, secret.denominator) == (None, None, 50)
        assert secret.cbs_symbol == "."


def test_a_ggd_estimate_of_the_area_is_the_population_weighted_mean_of_its_wijken() -> None:
    """Every wijk of Heerlen Noord has its 2020 inhabitants (StatLine import): the area's GGD
    estimate is the mean of the wijk estimates weighted by them, an estimate without a test."""
    area = FocusArea.objects.get(slug="heerlen-noord")
    codes = list(area.members.values_list("region__code", flat=True))
    estimates = dict(
        Observation.objects.filter(
            region__vintage=2020,
            region__code__in=codes,
            indicator="ggd_moeite_rondkomen",
            period="2020",
        ).values_list("region__code", "value")
    )
    populations = dict(area.members.values_list("region__code", "region__population"))
    assert len(estimates) == len(codes) == 10 and all(populations.values())
    weighted = sum(estimates[c] * populations[c] for c in codes) / sum(populations.values())
    data = row("ggd_moeite_rondkomen", "2020")
    assert data["area_value"] == pytest.approx(weighted)
    assert data["area_basis"] == "population_weighted" and data["area_reason"] is None
    assert data["p_rest"] is None and data["verdict_nl"] == Verdict.NOT_TESTABLE.value
    assert any(note.startswith("Schatting voor het gebied") for note in data["notes"])


def test_against_nederland_the_spread_is_that_of_municipalities_when_only_heerlen_has_wijken() -> (
    None
):
    """Only Heerlen's wijken have KWB benefit counts: their spread around Nederland holds
    Heerlen's own distance from it, so the area is compared with Nederland widened by the
    spread between municipalities, and the row says so. GGD estimates of all Dutch wijken keep
    the national wijk spread (Zaandam Oost's counted RIVM figures are not per wijk)."""
    data = row("kwb_bijstand_per_1000", "2020")
    assert data["p_nl"] is not None
    assert (data["spread_nl"], data["municipalities_nl"]) == ("GM", 1)
    assert data["tau2_nl"] == data["tau2_gm_nl"] and data["units_nl"] == data["units_gm_nl"]
    assert data["units_nl"] > 300  # every municipality with a KWB 2020 figure
    assert any("Wijkcijfers uit te weinig gemeenten (1)" in note for note in data["notes"])


def test_bijstand_per_wijk_is_no_gap_where_the_kwb_wijk_tables_fill_it() -> None:
    """The declared gap "bijstand per wijk" is filled for Heerlen Noord by the KWB counts
    (catalogue `filled_by`), so its summary no longer lists it as missing; Zaandam Oost has no
    wijk counts of bijstand and still does."""
    from ruggensteun.analysis.gaps import Availability
    from ruggensteun.monitor.selectors import area_gaps, area_narrative

    def status(slug: str) -> Availability:
        gaps = {gap.indicator: gap.status for gap in area_gaps(FocusArea.objects.get(slug=slug))}
        return gaps["bijstand_per_wijk"]

    assert status("heerlen-noord") == Availability.AVAILABLE
    assert status("zaandam-oost") == Availability.NOT_YET
    heerlen = " ".join(area_narrative(FocusArea.objects.get(slug="heerlen-noord"), "nl"))
    zaandam = " ".join(area_narrative(FocusArea.objects.get(slug="zaandam-oost"), "nl"))
    assert "bijstand per wijk" not in heerlen and "WW-instroom per wijk" in heerlen
    assert "Voor bijstand per wijk" in zaandam


def test_the_area_page_shows_the_tested_difference_of_changes(client: Any) -> None:
    """The werk-en-inkomen table of Heerlen Noord: bijstand 2019 → 2020 for the area (53,9 →
    52,3) and the rest (46,5 → 45,3), with the verdict on the difference of their changes."""
    from ruggensteun.monitor.dashboard import VERDICT_LABELS

    html = client.get("/gebieden/heerlen-noord/").content.decode()
    section = html[html.index('id="domein-werk_inkomen"') :]
    section = section[: section.index("</details>")]
    line = section[section.index("Personen met bijstand per 1.000 inwoners") :]
    line = line[: line.index("</tr>")]
    assert "53,9&nbsp;→</span> 52,3" in line and "46,5&nbsp;→</span> 45,3" in line
    verdict = row("kwb_bijstand_per_1000", "2020")["verdict_doc"]
    assert verdict in VERDICTS
    assert f"verandering t.o.v. rest: {VERDICT_LABELS[verdict]}" in line


@pytest.mark.parametrize("indicator", COLUMN)
def test_the_api_gives_the_area_s_kwb_comparisons_per_period(client: Any, indicator: str) -> None:
    """Stable contract (issue 15): comparisons for kwb_bijstand_per_1000 and kwb_ww_per_1000
    exist per period for an area whose municipality has wijk data."""
    url = f"/api/v1/focus-areas/heerlen-noord/comparisons/?indicator={indicator}"
    rows = {item["period"]: item for item in client.get(url).json()}
    assert set(rows) == {"2016", "2017", "2018", "2019", "2020"}
    for period in ("2019", "2020"):
        people, count = AREA[period][0], AREA[period][COLUMN[indicator]]
        area = rows[period]["area"]
        assert (area["numerator"], area["denominator"]) == (count, people)
    latest = rows["2020"]
    assert latest["difference_of_changes"] == pytest.approx(
        row(indicator, "2020")["diff_of_changes"]
    )
    assert latest["significance_difference_of_changes"] in VERDICTS
