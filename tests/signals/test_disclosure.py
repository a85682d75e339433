"""Public signal counts: no published number can be subtracted from another to reveal a small
count (issue 12, finding 6). First the suppression rule on hand-built tables against an
oracle, then the real pages (signals page, area page, report) read as an anonymous visitor."""

import itertools
import re
from collections.abc import Mapping

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.signals.disclosure import SUPPRESS_BELOW, Suppression, suppress_theme
from ruggensteun.signals.models import Signal
from ruggensteun.signals.selectors import public_table
from ruggensteun.signals.services import SignalInput, signal_record
from ruggensteun.signals.taxonomy import BY_KEY
from tests.accounts.factories import user_with_role

POELENBURG = "WK047912"  # a wijk of the focus area Zaandam Oost


# --------------------------------------------------------------------------- the oracle


def leaks(cells: Mapping[str, int], total: int | None, published: Mapping[str, int]) -> str:
    """Why the published numbers of one theme give away a count ('' when they do not).

    `cells` is the truth (period → count above zero), `total` the published theme total (None
    when not shown), `published` the quarter cells shown. The attacker is assumed to know which
    quarters hold signals. A hidden cell's feasible range from the margin is [1, R - (k - 1)]
    for k hidden cells whose sum R = total - published: its width R - k must be above zero,
    k must be at least two, and R (itself a count of signals) at least five."""
    wrong = wrong_cells(cells, published)
    if wrong or total is None:
        return wrong
    if total != sum(cells.values()):
        return f"total {total} is not the sum of the cells"
    if total and total < SUPPRESS_BELOW:
        return f"total {total} published"
    hidden = [count for period, count in cells.items() if period not in published]
    residual = total - sum(published.values())
    if not hidden:
        return ""
    if len(hidden) == 1:
        return f"one hidden cell, equal to {residual}"
    if residual < SUPPRESS_BELOW:
        return f"hidden cells sum to {residual}"
    if residual - len(hidden) <= 0:
        return f"{len(hidden)} hidden cells sum to {residual}: one signal each"
    return ""


def wrong_cells(cells: Mapping[str, int], published: Mapping[str, int]) -> str:
    for period, count in published.items():
        if count < SUPPRESS_BELOW:
            return f"{period}: {count} published"
        if cells.get(period) != count:
            return f"{period}: published {count}, truth {cells.get(period)}"
    return ""


def published_by(cells: Mapping[str, int], rule: Suppression) -> tuple[int | None, dict[str, int]]:
    total = None if rule.total_hidden else sum(cells.values())
    return total, {p: n for p, n in cells.items() if p not in rule.hidden}


@pytest.mark.issue(12)
def test_the_single_small_quarter_of_6_7_1_cannot_be_derived() -> None:
    cells = {"2021-K1": 6, "2021-K2": 7, "2021-K3": 1}
    rule = suppress_theme(cells)
    assert rule == Suppression(frozenset({"2021-K1", "2021-K3"}), total_hidden=False)
    total, published = published_by(cells, rule)
    assert (total, published) == (14, {"2021-K2": 7})
    assert leaks(cells, total, published) == ""
    # What the pages did before: every cell of five or more, and the total.
    assert leaks(cells, 14, {"2021-K1": 6, "2021-K2": 7}) == "one hidden cell, equal to 1"


@pytest.mark.parametrize(
    ("cells", "hidden", "total_hidden"),
    [
        ({"K1": 5, "K2": 6}, set(), False),
        ({"K1": 3}, {"K1"}, True),  # a total below five hides the theme
        ({"K1": 2, "K2": 3, "K3": 9}, {"K1", "K2"}, False),  # 2 + 3 = 5 hidden: enough
        ({"K1": 1, "K2": 2, "K3": 9}, {"K1", "K2", "K3"}, False),  # 1 + 2 < 5: hide more
        ({"K1": 1, "K2": 1, "K3": 1, "K4": 1, "K5": 1}, {"K1", "K2", "K3", "K4", "K5"}, True),
        ({"K1": 4, "K2": 5, "K3": 8, "K4": 20}, {"K1", "K2"}, False),  # next-smallest goes
    ],
)
def test_hand_built_suppression(
    cells: dict[str, int], hidden: set[str], total_hidden: bool
) -> None:
    rule = suppress_theme(cells)
    assert (set(rule.hidden), rule.total_hidden) == (hidden, total_hidden)
    assert leaks(cells, *published_by(cells, rule)) == ""


@pytest.mark.issue(12)
def test_no_table_of_up_to_four_quarters_leaks() -> None:
    """Every table of one to four quarters with 0 to 8 signals each (6,561 tables)."""
    checked = 0
    for counts in itertools.product(range(9), repeat=4):
        cells = {f"K{i}": n for i, n in enumerate(counts, 1) if n}
        rule = suppress_theme(cells)
        assert leaks(cells, *published_by(cells, rule)) == "", (cells, rule)
        checked += 1
    assert checked == 9**4


# --------------------------------------------------------------------------- the pages


def record(actor: User, code: str, theme: str, period: str, n: int, **changes: object) -> None:
    for _ in range(n):
        values: dict[str, object] = {
            "region": Region.objects.get(vintage=2020, code=code),
            "theme": theme,
            "period": period,
            "professional_role": "wijkteam",
            "intensity": 3,
            "trend": "gelijk",
            "confidence": "midden",
            "narrative": "",
            **changes,
        }
        signal_record(actor=actor, data=SignalInput(**values))  # type: ignore[arg-type]


def label(theme: str) -> str:
    return BY_KEY[theme].nl


def quarters_on_signals_page(page: str, theme: str) -> dict[str, int]:
    rows = re.findall(
        r'<th scope="row">([^<]+)</th><td>(\d{4}-K\d)</td><td class="rs-num">(\d+)</td>', page
    )
    return {period: int(n) for name, period, n in rows if name.lower() == label(theme)}


def total_on_area_page(page: str, theme: str) -> int | None:
    found = re.search(rf"<strong>{re.escape(label(theme))}</strong>:\s*(\d+) signa", page, re.I)
    return int(found.group(1)) if found else None


def total_in_report(page: str, theme: str) -> int | None:
    found = re.search(
        rf'<th scope="row">{re.escape(label(theme))}</th><td class="num">(\d+)</td>', page, re.I
    )
    return int(found.group(1)) if found else None


def published(client: Client, theme: str) -> tuple[set[int], dict[str, int]]:
    """The theme's totals on the area page and in the report, and the signals page's quarters,
    fetched as an anonymous visitor."""
    signals_page = client.get(reverse("signals-home"), {"gebied": "zaandam-oost"})
    area_page = client.get(reverse("focus-area-detail", args=["zaandam-oost"]))
    report = client.get("/gebieden/zaandam-oost/rapport.html")
    assert {r.status_code for r in (signals_page, area_page, report)} == {200}
    totals = {
        total_on_area_page(area_page.content.decode(), theme),
        total_in_report(report.content.decode(), theme),
    }
    return totals - {None}, quarters_on_signals_page(signals_page.content.decode(), theme)  # type: ignore[return-value]


@pytest.fixture
def professional() -> User:
    return user_with_role(Role.PROFESSIONAL, "GM0479")


@pytest.mark.django_db
@pytest.mark.issue(12)
def test_a_single_signal_cannot_be_subtracted_from_the_public_pages(
    client: Client, professional: User
) -> None:
    record(professional, POELENBURG, "eenzaamheid", "2021-K1", 6)
    record(professional, POELENBURG, "eenzaamheid", "2021-K2", 7)
    record(professional, POELENBURG, "eenzaamheid", "2021-K3", 1)
    truth = {"2021-K1": 6, "2021-K2": 7, "2021-K3": 1}
    totals, quarters = published(client, "eenzaamheid")
    assert len(totals) <= 1, "the pages disagree on the total"
    total = next(iter(totals), None)
    assert leaks(truth, total, quarters) == ""
    assert total == 14 and quarters == {"2021-K2": 7}


@pytest.mark.django_db
@pytest.mark.issue(12)
def test_a_gevoelig_signal_is_in_no_public_count(client: Client, professional: User) -> None:
    record(professional, POELENBURG, "psychisch", "2021-K1", 6)
    record(professional, POELENBURG, "psychisch", "2021-K2", 1, sensitive=True)
    assert Signal.objects.filter(theme="psychisch", sensitivity="gevoelig").count() == 1
    totals, quarters = published(client, "psychisch")
    assert totals == {6} and quarters == {"2021-K1": 6}
    area = FocusArea.objects.get(slug="zaandam-oost")
    (row,) = [row for row in public_table(area) if row.theme.key == "psychisch"]
    assert row.total.count == 6


@pytest.mark.django_db
@pytest.mark.issue(12)
def test_hidden_counts_look_like_zero_and_no_row_says_that_one_to_four_exist(
    client: Client, professional: User
) -> None:
    record(professional, POELENBURG, "eenzaamheid", "2021-K2", 3)
    signals_page = client.get(reverse("signals-home"), {"gebied": "zaandam-oost"})
    area_page = client.get(reverse("focus-area-detail", args=["zaandam-oost"]))
    report = client.get("/gebieden/zaandam-oost/rapport.html")
    for page in (signals_page, area_page, report):
        text = page.content.decode()
        assert "minder dan 5 signalen:" not in text
        assert 'title="minder dan 5 signalen"' not in text
    # Three signals on loneliness render exactly like none on the living environment (same
    # domain: leefbaarheid en wonen, where the loneliness figures are).
    aside = area_page.content.decode().split('id="signalen-leefbaarheid_wonen"', 1)[1]
    aside = aside.split("</aside>", 1)[0]
    uncounted = re.search(r"Geen telling \(geen signalen, of te weinig [^)]*\): (.*?)</p>", aside)
    assert uncounted, aside
    names = re.findall(r'<span class="rs-signals__uncounted">(.*?)</span>', uncounted.group(1))
    assert {"Eenzaamheid en isolement", "Woonomgeving en sociale samenhang"} <= set(names)
    rows = {row.theme.key: row for row in public_table(FocusArea.objects.get(slug="zaandam-oost"))}
    assert rows["eenzaamheid"].total.count is None and rows["woonomgeving"].total.count is None
    assert rows["eenzaamheid"].periods == [] == rows["woonomgeving"].periods
