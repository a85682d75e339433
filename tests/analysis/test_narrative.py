"""The generated sentences: reference, period, numbers, gaps and the difference of changes."""

import pytest

from ruggensteun.analysis.narrative import (
    WijkFinding,
    format_number,
    gap_sentence,
    sentences,
    wijk_sentence,
)
from tests.analysis.cases import BASE, obs, run


def test_narrative_names_reference_period_and_number() -> None:
    row = run(BASE)[("oost", "aandeel", "2020")]
    texts = sentences(
        [row],
        area_name="Oost",
        municipality_name="Eenstad",
        names={"aandeel": "Het aandeel X"},
        units={"aandeel": "percent"},
        period_labels={"2020": "2020"},
    )
    assert (
        texts[0].text
        == "Het aandeel X: in Oost in 2020 hoger dan in de rest van Eenstad (26,0% tegen 18,0%)."
    )
    assert texts[0].reference == "rest"
    suppressed = run(BASE)[("klein", "aandeel", "2020")]
    only = sentences(
        [suppressed],
        area_name="Klein",
        municipality_name="Eenstad",
        names={"aandeel": "X"},
        units={"aandeel": "percent"},
        period_labels={},
    )
    # The municipality differs significantly from Nederland (200/1000 vs 14,800/99,000); the
    # suppressed area value appears nowhere.
    assert [s.text for s in only] == [
        "X: in Eenstad als geheel in 2020 hoger dan in heel Nederland (20,0% tegen 15,0%). "
        "Voor Klein zelf zijn de aantallen te klein om te tonen."
    ]
    assert (
        gap_sentence(["bijstand per wijk", "TOZO"])
        == "Voor bijstand per wijk en TOZO zijn nog geen cijfers beschikbaar."
    )
    assert format_number(1234.5, "per_100000") == "1.234 per 100.000 inwoners"


def test_difference_of_changes_sentence() -> None:
    rows = [
        *BASE,
        obs("WK000101", "aandeel", "2019", 10, 50),
        obs("WK000102", "aandeel", "2019", 20, 200),
        obs("GM0001", "aandeel", "2019", 150, 1000),
        obs("NL01", "aandeel", "2019", 14000, 100000),
    ]
    row = run(rows)[("oost", "aandeel", "2020")]
    texts = [
        s.text
        for s in sentences(
            [row],
            area_name="Oost",
            municipality_name="Eenstad",
            names={"aandeel": "X"},
            units={"aandeel": "percent"},
            period_labels={},
        )
    ]
    assert (
        "X: tussen 2019 en 2020 veranderde dit in Oost anders dan in de rest van Eenstad "
        "(+14,0 procentpunt tegen +2,0 procentpunt)." in texts
    )


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("worse", "members", "dutch", "english"),
    [
        (1, 1, "in de enige wijk van", "in the only district of"),
        (2, 2, "in beide wijken van", "in both districts of"),
        (5, 5, "in alle 5 wijken van", "in all 5 districts of"),
        (2, 4, "in 2 van de 4 wijken van", "in 2 of the 4 districts of"),
    ],
)
def test_the_wijk_sentence_counts_its_wijken_in_plain_words(
    worse: int, members: int, dutch: str, english: str
) -> None:
    """Never 'in alle 1 wijken' (Breda Noord, Utrecht Overvecht are one wijk each)."""
    finding = WijkFinding("ggd_rondkomen", worse, members, "Breda noord", 18.0, 12.7, True)
    texts = {
        language: wijk_sentence(
            finding,
            area="Breda Noord",
            municipality="Breda",
            label="Moeite met rondkomen",
            unit="percent",
            language=language,
        )
        for language in ("nl", "en")
    }
    assert f"Moeite met rondkomen: {dutch} Breda Noord hoger dan in Breda" in texts["nl"]
    assert f"{english} Breda Noord higher than in Breda" in texts["en"]
    assert "(Breda noord: 18,0% tegen 12,7%; schatting, niet getoetst)" in texts["nl"]
