"""The generated sentences: reference, period, numbers, gaps and the difference of changes."""

from ruggensteun.analysis.narrative import format_number, gap_sentence, sentences
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
