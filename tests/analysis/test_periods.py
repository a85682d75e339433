"""Daily series summed per period, and whether the series covers the whole period (issue 14,
item 7: three days of data are no figure for "2020")."""

from datetime import date, timedelta

import polars as pl
import pytest

from ruggensteun.analysis.periods import Period, aggregate, incomplete, zeros_before

YEAR = Period("2020", "2020", date(2020, 1, 1), date(2020, 12, 31))
TEN_DAYS = Period("begin", "1 t/m 10 januari", date(2020, 1, 1), date(2020, 1, 10))


def series(region: str, first: date, days: int, value: float = 1.0) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "region": [region] * days,
            "date": [first + timedelta(days=n) for n in range(days)],
            "cases": [value] * days,
        },
        schema={"region": pl.Utf8, "date": pl.Date, "cases": pl.Float64},
    )


@pytest.mark.issue(14)
def test_three_days_are_not_the_year_2020() -> None:
    """3 days of 5 cases: the sum is 15 over 3 of the 366 days of 2020 (a leap year)."""
    sums = aggregate(series("GM0479", date(2020, 3, 2), 3, 5.0), [YEAR], ["cases"])
    row = sums.row(0, named=True)
    assert (row["cases"], row["days"], row["period_days"]) == (15.0, 3, 366)
    assert row["complete"] is False
    assert incomplete(sums).rows() == [("2020", 3, 366, 1)]


@pytest.mark.issue(14)
def test_a_series_covering_every_day_is_complete() -> None:
    """Ten days of one case each, plus days outside the period that do not count."""
    sums = aggregate(series("GM0479", date(2019, 12, 30), 14), [TEN_DAYS], ["cases"])
    row = sums.row(0, named=True)
    assert (row["cases"], row["days"], row["period_days"], row["complete"]) == (10.0, 10, 10, True)
    assert incomplete(sums).is_empty()


@pytest.mark.issue(14)
def test_days_before_the_first_day_count_as_zero_only_for_a_series_that_starts_with_it() -> None:
    """The phenomenon begins on 4 January. GM0001's series starts then (7 days, 4..10 January):
    the 3 days before are added as zeros, so it covers all 10 days and still sums to 7. GM0002's
    starts on 5 January: nothing is added, 6 of 10 days, incomplete."""
    daily = pl.concat(
        [series("GM0001", date(2020, 1, 4), 7), series("GM0002", date(2020, 1, 5), 6)]
    )
    padded = zeros_before(daily, date(2020, 1, 4), [TEN_DAYS])
    assert padded.filter(pl.col("region") == "GM0001").height == 10
    assert padded.filter(pl.col("region") == "GM0002").height == 6
    sums = {
        r["region"]: r
        for r in aggregate(padded.fill_null(0), [TEN_DAYS], ["cases"]).iter_rows(named=True)
    }
    assert (sums["GM0001"]["cases"], sums["GM0001"]["days"], sums["GM0001"]["complete"]) == (
        7.0,
        10,
        True,
    )
    assert (sums["GM0002"]["cases"], sums["GM0002"]["days"], sums["GM0002"]["complete"]) == (
        6.0,
        6,
        False,
    )
