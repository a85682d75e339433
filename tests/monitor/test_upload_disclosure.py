"""Disclosure control end to end: wijk counts uploaded as a municipality uploads them (issue 14).

Zaanstad (GM0479) has 19 wijken in the 2020 division; Zaandam Oost is five of them (WK047911 to
WK047915). Upload-only indicators (catalogue `levels = []`) get their wijk counts, and here the
municipal total, from the template upload (`import_data sjabloon`); `monitor_recompute` then
stores one comparison row per focus area and per wijk (every wijk is an area of its own). The
published cells of one municipality x indicator x period are: each wijk, the rest of the
municipality beside each wijk, Zaandam Oost, its rest and the municipality. Rule (catalogue
defaults): numerator < 5, denominator < 50 or, for a proportion, denominator - numerator < 5.

Hand computation. Wijk number k (0 to 18 in code order) gets counts that grow with k; one wijk
gets small counts; the municipality is the sum of its wijken unless a remainder is given. The
three layouts are uploaded in one file and recomputed once for the module.

- BIJSTAND (rate per 1,000): wijk k has 6,000 + 500k inhabitants and 240 + 30k on bijstand;
  Westzaan (WK047981, k = 18, outside Zaandam Oost) has 3 of 400. Zaanstad: 8,913 of 184,900.
  Westzaan is small (3 < 5) and determined (municipality - rest of Westzaan). A hiding move adds a
  unit to Westzaan and takes it from a wijk j; the published cells it changes are those holding
  exactly one of the two: j, the rest of Westzaan and the rest of j (three cells when j is outside
  Zaandam Oost like Westzaan; five inside, as Zaandam Oost and its rest change too; taking it from
  nowhere changes the municipality, 18 rests and the rest of Zaandam Oost). The three-cell moves
  all cost 2 x 184,900 - 400 in denominators, and the tie goes to the smallest j: WK047916 Zaandam
  Noord (k = 5, 8,500 inhabitants, the first wijk after Zaandam Oost).
  Hidden: Westzaan (small); Zaandam Noord, the rest of Westzaan, the rest of Zaandam Noord
  (complement). Everything else is published.
- WW (rate per 1,000, `ww_per_wijk`): the same wijk counts, but Zaanstad's total is 20 of 600
  people larger than its wijken (people without a wijk): 8,933 of 185,500. The remainder is
  unknown to a reader, so moving the unit from Westzaan to it changes only the rest of Westzaan.
  Hidden: Westzaan (small), its rest (complement).
- TESTS (proportion, %): wijk k has 1,000 + 100k tests, 90 + 12k positive; Pelders- en
  Hoornseveld (WK047913, k = 2, inside Zaandam Oost) has 60 positive of 63: 60 >= 5 and 63 >= 50,
  but 63 - 60 = 3 < 5 negatives; Zaanstad: 3,708 of 34,963. The cheapest j is the smallest other
  wijk inside Zaandam Oost: WK047911 Zaandam Zuid (1,000 tests). Hidden: WK047913 (small);
  WK047911, both their rests (complement).

The check that nothing hidden can be recomputed is independent of `analysis.disclosure`: the
reader's linear relations (municipality = sum of the wijken + remainder, area = sum of its wijken,
rest = municipality - area) over the cells, the published cells known, and a hidden cell is
recoverable exactly when its unit vector lies in the row space of the relations restricted to the
unknown cells (rank test over the rationals). Numerator and denominator obey the same relations
and are hidden together, so one test covers both.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from ruggensteun.areas.models import FocusArea, Level, Region
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.models import ComparisonResult, ResultSet
from ruggensteun.monitor.recompute import monitor_recompute

pytestmark = [pytest.mark.django_db, pytest.mark.issue(14)]

GM = "GM0479"
AREA = "zaandam-oost"
PERIOD = "2020"
SMALL = "suppressed_small"
COMPLEMENT = "suppressed_complement"
Counts = tuple[int, int]


@dataclass(frozen=True)
class Layout:
    """Uploaded counts: wijk k gets (num + num_step * k, den + den_step * k), `small` gets
    `small_counts`, the municipality the sum plus `remainder`; `hidden` is the hand-computed
    result (cell -> reason)."""

    indicator: str
    num: int
    num_step: int
    den: int
    den_step: int
    small: str
    small_counts: Counts
    hidden: Mapping[str, str]
    municipality: Counts  # the uploaded total, computed by hand in the module docstring
    remainder: Counts = (0, 0)

    def counts(self, wijken: list[str]) -> dict[str, Counts]:
        return {
            code: self.small_counts
            if code == self.small
            else (self.num + self.num_step * k, self.den + self.den_step * k)
            for k, code in enumerate(wijken)
        }


BIJSTAND = Layout(
    "bijstand_per_wijk",
    num=240,
    num_step=30,
    den=6000,
    den_step=500,
    small="WK047981",
    small_counts=(3, 400),
    municipality=(8913, 184_900),
    hidden={
        "wk:WK047981": SMALL,
        "wk:WK047916": COMPLEMENT,
        "rest:wk:WK047981": COMPLEMENT,
        "rest:wk:WK047916": COMPLEMENT,
    },
)
WW = Layout(
    "ww_per_wijk",
    num=240,
    num_step=30,
    den=6000,
    den_step=500,
    small="WK047981",
    small_counts=(3, 400),
    remainder=(20, 600),
    municipality=(8933, 185_500),
    hidden={"wk:WK047981": SMALL, "rest:wk:WK047981": COMPLEMENT},
)
TESTS = Layout(
    "testpositiviteit_per_wijk",
    num=90,
    num_step=12,
    den=1000,
    den_step=100,
    small="WK047913",
    small_counts=(60, 63),
    municipality=(3708, 34_963),
    hidden={
        "wk:WK047913": SMALL,
        "wk:WK047911": COMPLEMENT,
        "rest:wk:WK047913": COMPLEMENT,
        "rest:wk:WK047911": COMPLEMENT,
    },
)
LAYOUTS = [BIJSTAND, WW, TESTS]
IDS = ["rate", "rate-with-remainder", "proportion-n-minus-k"]


def zaanstad_wijken() -> list[str]:
    return list(
        Region.objects.filter(vintage=2020, level=Level.WIJK, parent__code=GM)
        .order_by("code")
        .values_list("code", flat=True)
    )


@dataclass(frozen=True)
class Uploaded:
    result_set: ResultSet
    base: Mapping[str, dict[str, Counts]]  # indicator -> true counts of each wijk and remainder


def upload(path: Path, layouts: list[Layout]) -> dict[str, dict[str, Counts]]:
    """Writes one Dutch template CSV with every layout and imports it with `import_data
    sjabloon`; returns per indicator the true counts of every wijk and of the remainder."""
    wijken = zaanstad_wijken()
    assert len(wijken) == 19
    lines = ["regiocode;indicator;periode;teller;noemer"]
    base = {}
    for layout in layouts:
        counts = layout.counts(wijken)
        total = (
            sum(n for n, _ in counts.values()) + layout.remainder[0],
            sum(d for _, d in counts.values()) + layout.remainder[1],
        )
        lines += [f"{code};{layout.indicator};{PERIOD};{n};{d}" for code, (n, d) in counts.items()]
        lines.append(f"{GM};{layout.indicator};{PERIOD};{total[0]};{total[1]}")
        base[layout.indicator] = {**counts, "remainder": layout.remainder}
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_data", "sjabloon", str(path))
    return base


@pytest.fixture(scope="module")
def uploaded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Uploaded]:
    """One upload and one recompute (about 20 s) for the whole module, in a transaction rolled
    back at its end; each test's own transaction nests in it, so the tests still see it."""
    path = tmp_path_factory.mktemp("upload") / "eigen_cijfers.csv"
    with django_db_blocker.unblock(), transaction.atomic():
        base = upload(path, LAYOUTS)
        yield Uploaded(monitor_recompute(force=True), base)
        transaction.set_rollback(True)


# --- the published table, read back from the stored rows --------------------------------------


@dataclass(frozen=True)
class Cell:
    value: float | None
    numerator: float | None
    denominator: float | None
    lower: float | None
    upper: float | None
    reason: str | None


def cell(data: Mapping[str, Any], prefix: str) -> Cell:
    return Cell(
        *(data.get(f"{prefix}_{part}") for part in ("value", "num", "den", "lower", "upper")),
        data.get(f"{prefix}_reason"),
    )


def stored_rows(result_set: ResultSet, indicator: str) -> dict[str, dict[str, Any]]:
    """The stored rows of Zaanstad's wijken ("wk:<code>", the `region=` rows) and focus areas
    ("fa:<slug>") for this indicator and period."""
    rows = ComparisonResult.objects.filter(
        result_set=result_set, indicator=indicator, period=PERIOD
    ).select_related("region", "focus_area")
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.region is not None and row.region.code.startswith("WK" + GM[2:]):
            found[f"wk:{row.region.code}"] = row.data
        elif row.focus_area is not None and row.data["municipality"] == GM:
            found[f"fa:{row.focus_area.slug}"] = row.data
    return found


def table_cells(rows: Mapping[str, Mapping[str, Any]]) -> dict[str, Cell]:
    """Every cell of the municipality table as the rows show it: each area ("wk:…", "fa:…"),
    its rest ("rest:…") and the municipality ("gm", the same in every row)."""
    cells: dict[str, Cell] = {}
    for key, data in rows.items():
        cells[key] = cell(data, "area")
        cells[f"rest:{key}"] = cell(data, "rest")
    municipality = {cell(data, "gm") for data in rows.values()}
    assert len(municipality) == 1, municipality
    cells["gm"] = municipality.pop()
    return cells


def members_of(rows: Mapping[str, Any]) -> dict[str, list[str]]:
    """The wijken each area of the table sums (a single wijk: itself)."""
    members = {key: [key] for key in rows if key.startswith("wk:")}
    for key in rows:
        if key.startswith("fa:"):
            area = FocusArea.objects.get(slug=key.removeprefix("fa:"))
            members[key] = sorted(f"wk:{m.region.code}" for m in area.members.all())
    return members


def true_counts(members: Mapping[str, list[str]], base: Mapping[str, Counts]) -> dict[str, Counts]:
    """Every cell's counts from the uploaded wijk counts and the remainder."""
    wijken = {f"wk:{code}": counts for code, counts in base.items() if code != "remainder"}
    gm = (
        sum(n for n, _ in base.values()),
        sum(d for _, d in base.values()),
    )
    truth: dict[str, Counts] = {"gm": gm}
    for key, parts in members.items():
        own = (sum(wijken[m][0] for m in parts), sum(wijken[m][1] for m in parts))
        truth[key] = own
        truth[f"rest:{key}"] = (gm[0] - own[0], gm[1] - own[1])
    return truth


# --- the reader's algebra: an exact rank test, independent of analysis.disclosure ---------------


def relations(members: Mapping[str, list[str]]) -> list[dict[str, int]]:
    """The linear relations a reader knows, each as {cell: coefficient} summing to zero:
    municipality = sum of the wijken + remainder; area = sum of its wijken; rest =
    municipality - area."""
    wijken = sorted({m for parts in members.values() for m in parts})
    found = [{"gm": 1, "remainder": -1, **dict.fromkeys(wijken, -1)}]
    for key, parts in members.items():
        if parts != [key]:
            found.append({key: 1, **dict.fromkeys(parts, -1)})
        found.append({f"rest:{key}": 1, "gm": -1, key: 1})
    return found


def rank(rows: list[list[Fraction]]) -> int:
    """Rank by Gaussian elimination over the rationals (exact)."""
    matrix = [row[:] for row in rows]
    found = 0
    width = len(matrix[0]) if matrix else 0
    for column in range(width):
        pivot = next((i for i in range(found, len(matrix)) if matrix[i][column] != 0), None)
        if pivot is None:
            continue
        matrix[found], matrix[pivot] = matrix[pivot], matrix[found]
        lead = matrix[found]
        for i in range(len(matrix)):
            if i != found and matrix[i][column] != 0:
                factor = matrix[i][column] / lead[column]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], lead, strict=True)]
        found += 1
    return found


def determined(rules: list[dict[str, int]], unknown: set[str], target: str) -> bool:
    """Whether the unknown cell `target` has the same value in every solution of the relations
    once the known cells are filled in: its unit vector lies in the row space of the relations
    restricted to the unknown cells (then a combination of relations reads target = known
    terms; otherwise a direction changes target and no known cell)."""
    columns = sorted(unknown)
    rows = [[Fraction(rule.get(c, 0)) for c in columns] for rule in rules]
    goal = [Fraction(int(c == target)) for c in columns]
    return rank([*rows, goal]) == rank(rows)


def unknown_cells(cells: Mapping[str, Cell], remainder: Counts) -> set[str]:
    """The cells a reader does not see: every hidden cell, and the remainder unless it is zero
    (a reader who knows that the wijken cover the municipality knows that zero; counting it as
    known makes the check stricter). A wijk is known exactly when its own row shows it."""
    hidden = {key for key, shown in cells.items() if shown.numerator is None}
    return hidden | ({"remainder"} if remainder != (0, 0) else set())


# --- helpers for "no hidden number anywhere" ----------------------------------------------------


def numbers(data: Any) -> Iterator[float]:
    if isinstance(data, bool) or data is None:
        return
    if isinstance(data, int | float):
        yield float(data)
    elif isinstance(data, Mapping):
        for item in data.values():
            yield from numbers(item)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from numbers(item)


def hidden_numbers(truth: Mapping[str, Counts], hidden: set[str], multiplier: float) -> set[float]:
    return {
        x
        for key in hidden
        for x in (truth[key][0], truth[key][1], truth[key][0] / truth[key][1] * multiplier)
    }


def revealed(data: Any, secret: set[float]) -> list[float]:
    return [x for x in numbers(data) if any(math.isclose(x, s, rel_tol=1e-12) for s in secret)]


# --- tests -------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS, ids=IDS)
def test_uploaded_wijk_counts_hide_exactly_the_hand_computed_cells(
    uploaded: Uploaded, layout: Layout
) -> None:
    assert load().indicators[layout.indicator].levels == ()  # upload-only
    rows = stored_rows(uploaded.result_set, layout.indicator)
    assert len(rows) == 19 + 1  # the 19 wijk rows (`region=`) and Zaandam Oost
    cells = table_cells(rows)
    truth = true_counts(members_of(rows), uploaded.base[layout.indicator])
    assert truth["gm"] == layout.municipality
    reasons = {key: shown.reason for key, shown in cells.items() if shown.numerator is None}
    assert reasons == layout.hidden
    for key, shown in cells.items():
        if key in layout.hidden:
            assert shown == Cell(None, None, None, None, None, layout.hidden[key]), key
        else:
            assert (shown.numerator, shown.denominator) == truth[key], key
    small = rows[f"wk:{layout.small}"]
    assert small["diff_rest"] is None and small["ratio_rest"] is None
    assert small.get("p_rest") is None and small.get("z_rest") is None


def test_a_proportion_with_fewer_than_five_without_the_property_is_small(
    uploaded: Uploaded,
) -> None:
    indicator = load().indicators[TESTS.indicator]
    assert indicator.kind == "proportion" and indicator.levels == ()
    positives, tests = TESTS.small_counts
    assert positives >= indicator.min_count and tests >= indicator.min_denominator
    assert tests - positives < indicator.min_count
    row = stored_rows(uploaded.result_set, TESTS.indicator)[f"wk:{TESTS.small}"]
    assert cell(row, "area") == Cell(None, None, None, None, None, SMALL)


@pytest.mark.parametrize("layout", LAYOUTS, ids=IDS)
def test_no_hidden_cell_follows_from_the_published_ones(uploaded: Uploaded, layout: Layout) -> None:
    rows = stored_rows(uploaded.result_set, layout.indicator)
    cells = table_cells(rows)
    members = members_of(rows)
    truth = true_counts(members, uploaded.base[layout.indicator])
    rules = relations(members)
    # The relations hold for the published numbers: they are the table a reader sees.
    for key, shown in cells.items():
        if shown.numerator is not None:
            assert (shown.numerator, shown.denominator) == truth[key], key
    unknown = unknown_cells(cells, layout.remainder)
    hidden = unknown - {"remainder"}
    assert hidden == set(layout.hidden)
    for key in sorted(hidden):
        assert not determined(rules, unknown, key), f"{key} follows from the published cells"
    # The check can fail: with only the small cell hidden, a reader recovers it.
    primary_only = {key for key, reason in layout.hidden.items() if reason == SMALL}
    primary_only |= unknown - hidden
    assert determined(rules, primary_only, f"wk:{layout.small}")


@pytest.mark.parametrize("layout", LAYOUTS, ids=IDS)
def test_the_public_area_api_returns_no_hidden_number(
    uploaded: Uploaded, client: Client, layout: Layout
) -> None:
    rows = stored_rows(uploaded.result_set, layout.indicator)
    truth = true_counts(members_of(rows), uploaded.base[layout.indicator])
    multiplier = load().indicators[layout.indicator].multiplier
    secret = hidden_numbers(truth, set(layout.hidden), multiplier)
    response = client.get(
        f"/api/v1/focus-areas/{AREA}/comparisons/",
        {"indicator": layout.indicator, "period": PERIOD},
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 1
    shown = {
        key: (body[0][part]["numerator"], body[0][part]["denominator"])
        for key, part in (
            (f"fa:{AREA}", "area"),
            (f"rest:fa:{AREA}", "rest_of_municipality"),
            ("gm", "municipality"),
        )
    }
    assert shown == {key: truth[key] for key in shown}
    assert revealed(body, secret) == []
    # Nor does any stored row of the municipality table (what the pages and reports read).
    assert revealed(list(rows.values()), secret) == []


def test_the_observations_api_does_not_publish_a_suppressed_wijk(
    uploaded: Uploaded, client: Client
) -> None:
    body = client.get(
        "/api/v1/observations/",
        {"indicator": BIJSTAND.indicator, "region": BIJSTAND.small, "period": PERIOD},
    ).json()
    assert [row["numerator"] for row in body["results"]] in ([], [None])
    assert all(row["value"] is None for row in body["results"])
    assert [row["suppressed"] for row in body["results"]] in ([], ["suppressed_small"])
    # The whole municipality, as a reader would fetch it: no hidden cell's count anywhere.
    everything = client.get(
        "/api/v1/observations/",
        {"indicator": BIJSTAND.indicator, "gemeente": "GM0479", "period": PERIOD},
    ).json()["results"]
    hidden = [row for row in everything if row["suppressed"]]
    assert {row["region"] for row in hidden} >= {BIJSTAND.small}
    assert all(row["numerator"] is None and row["denominator"] is None for row in hidden)


def test_a_suppressed_wijk_takes_no_part_in_rankings() -> None:
    """A rank among the published wijken would tell where the hidden figure lies (issue 14)."""
    import polars as pl

    from ruggensteun.monitor.recompute import rankable

    observations = pl.DataFrame(
        {
            "region": ["WK000101", "WK000102", "WK000103", "GM0001"],
            "indicator": ["bijstand"] * 4,
            "period": ["2020"] * 4,
            "value": [7.5, 40.0, 30.0, 30.0],
        }
    )
    results = pl.DataFrame(
        {
            "area": ["wk:WK000101", "wk:WK000102", "wk:WK000103", "fa:1"],
            "indicator": ["bijstand"] * 4,
            "period": ["2020"] * 4,
            "area_reason": ["suppressed_small", "suppressed_complement", None, None],
        }
    )
    kept = rankable(observations, results)
    assert kept.get_column("region").to_list() == ["WK000103"]
