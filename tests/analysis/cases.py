"""Small cases computed by hand, shared by the analysis tests: municipality GM0001 with the
wijken WK000101 and WK000102 (area 'oost') and WK000103 (area 'klein'), a counted indicator and an
estimate."""

from ruggensteun.analysis.compare import compare
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, frame

INDICATOR_ROWS = [
    {
        "indicator": "aandeel",
        "domain": "gezondheid",
        "kind": "proportion",
        "multiplier": 100.0,
        "higher_is_worse": True,
        "min_count": 5.0,
        "min_denominator": 50.0,
        "testable": True,
        "baseline": "2019",
    },
    {
        "indicator": "schatting",
        "domain": "gezondheid",
        "kind": "estimate",
        "multiplier": 1.0,
        "higher_is_worse": True,
        "min_count": 5.0,
        "min_denominator": 50.0,
        "testable": False,
        "baseline": None,
    },
]


AREA_ROWS: list[dict[str, object]] = [
    {"area": "oost", "municipality": "GM0001", "member": "WK000101"},
    {"area": "oost", "municipality": "GM0001", "member": "WK000102"},
    {"area": "klein", "municipality": "GM0001", "member": "WK000103"},
]


def obs(
    region: str,
    indicator: str,
    period: str,
    num: float | None,
    den: float | None,
    value: float | None = None,
    symbol: str | None = None,
) -> dict[str, object]:
    return {
        "region": region,
        "indicator": indicator,
        "period": period,
        "numerator": num,
        "denominator": den,
        "value": value,
        "symbol": symbol,
    }


def run(rows: list[dict[str, object]]) -> dict[tuple[str, str, str], dict[str, object]]:
    result = compare(
        frame(rows, OBSERVATIONS), frame(AREA_ROWS, AREAS), frame(INDICATOR_ROWS, INDICATORS)
    )
    return {(r["area"], r["indicator"], r["period"]): r for r in result.to_dicts()}


BASE = [
    obs("WK000101", "aandeel", "2020", 5, 50),
    obs("WK000102", "aandeel", "2020", 60, 200),
    obs("WK000103", "aandeel", "2020", 4, 60),
    obs("GM0001", "aandeel", "2020", 200, 1000),
    obs("NL01", "aandeel", "2020", 15000, 100000),
]
