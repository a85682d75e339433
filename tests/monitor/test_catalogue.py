"""The catalogue file: every sourced indicator points at a real column of its shipped source."""

import csv
import gzip
from pathlib import Path

import pytest

from ruggensteun.monitor.catalogue import CONTEXT_DOMAIN, DOMAINS, CatalogueError, load, parse

DATA = Path(__file__).resolve().parents[2] / "data"
HEADERS = {
    "ggd-gezondheid": DATA
    / "rivm_gezondheid_wijk_buurt_2020"
    / "gezondheid_wijk_buurt_2020_18plus.csv",
    "cbs-kwb-2020-indicatoren": DATA / "cbs_kwb_2020_gemeenten" / "kwb_2020_gemeenten.csv",
    "rivm-testen-vr": DATA / "rivm_covid19_uitgevoerde_testen" / "COVID-19_uitgevoerde_testen.csv",
}


def header(path: Path) -> set[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        first = handle.readline()
    return set(next(csv.reader([first], delimiter=";" if ";" in first else ",")))


def test_every_sourced_indicator_names_an_existing_column() -> None:
    catalogue = load()
    covid = set()
    for name in ["positief_getest", "ziekenhuisopnames_nice", "overleden_rivm"]:
        path = next((DATA / "rivm_covid19_gemeente_dag").glob(f"{name}*.csv.gz"))
        covid |= header(path)
    for indicator in catalogue.indicators.values():
        if indicator.is_gap:
            continue
        columns = (
            covid
            if indicator.source == "rivm-covid-gemeente"
            else header(HEADERS[indicator.source])
        )
        assert indicator.column in columns, indicator.id


def test_the_memos_indicators_without_a_source_are_declared_as_gaps() -> None:
    gaps = {i.id: i for i in load().indicators.values() if i.is_gap}
    assert {
        "bijstand_per_wijk",
        "ww_per_wijk",
        "tozo",
        "misdrijven_per_1000",
        "jongerenloket_contacten",
        "testpositiviteit_per_wijk",
        "onderwijsachterstand",
    } <= set(gaps)
    assert all(gap.fill for gap in gaps.values())


def test_every_domain_of_the_memo_is_covered() -> None:
    domains = {i.domain for i in load().indicators.values()}
    assert {
        "werk_inkomen",
        "veiligheid_ondermijning",
        "gezondheid",
        "onderwijs_jeugd",
        "leefbaarheid_wonen",
        "corona",
    } <= domains


def test_polarity_and_testability() -> None:
    catalogue = load()
    assert catalogue.indicators["ggd_moeite_rondkomen"].higher_is_worse is True
    assert catalogue.indicators["ggd_ervaren_gezondheid_goed"].higher_is_worse is False
    assert catalogue.indicators["rivm_aandeel_positief"].testable
    # Rounded counts are tested with the rounding in the variance (issue 15); derived are not.
    assert catalogue.indicators["kwb_bijstand_per_1000"].testable
    assert catalogue.indicators["kwb_bijstand_per_1000"].rounding == 10
    assert not catalogue.indicators["kwb_laag_opgeleid"].testable
    assert not catalogue.indicators["ggd_eenzaam"].testable  # estimates without counts


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"domain": "sport"}, "unknown domain"),
        ({"polarity": "up"}, "unknown polarity"),
        ({"baseline": "2019"}, "baseline"),
        ({"column": ""}, "source column"),
        ({"filled_by": ["nope"]}, "filled_by names unknown"),
    ],
)
def test_a_broken_entry_is_refused(change: dict[str, object], message: str) -> None:
    entry = {
        "name_nl": "x",
        "name_en": "x",
        "definition_nl": "x",
        "definition_en": "x",
        "domain": "gezondheid",
        "unit": "percent",
        "kind": "estimate",
        "polarity": "higher_is_worse",
        "source": "ggd-gezondheid",
        "column": "Roker_11",
        "periods": ["2020"],
        **change,
    }
    raw = {
        "version": "t",
        "domains": {"gezondheid": {"nl": "g", "en": "h"}},
        "indicators": {"x": entry},
    }
    with pytest.raises(CatalogueError, match=message):
        parse(raw)


@pytest.mark.issue(13)
def test_the_problem_domains_are_the_catalogues_domains_without_context() -> None:
    # The pages show DOMAINS in this order; the catalogue names and labels them.
    assert list(load().domains) == [*DOMAINS, CONTEXT_DOMAIN]
