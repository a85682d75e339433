"""Benchmark of the good-practice library's Dutch full-text search (issue 7).

Usage: uv run python bench/search.py            (PostgreSQL, the default target)
       uv run python bench/search.py --sqlite   (the same on a temporary SQLite file)

Creates a throwaway database (PostgreSQL: `ruggensteun_bench_search` on the server of
DATABASE_URL, else postgres://postgres@127.0.0.1:5432; it is dropped at the end), migrates it,
imports only what the practices' places need (the focus areas and the CBS data they are matched
against; no monitor data), generates 5,000 published practices with varied Dutch texts, themes,
evidence levels, coalitions and places (bulk_create; on SQLite the FTS5 table is then filled with
`search_rebuild()`), runs ANALYZE, warms up and then times `practices.search.search()` (the
service behind the search page) around a mix of 20 Dutch queries: one word, two words, and with
facet filters. Prints p50/p95/p99/max per query kind and overall, the time of the index lookup
alone (`match()`), and the plan of one index query. `--profile` adds a cProfile of the slowest
search. Target (issue 7): p95 ≤ 100 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "ruggensteun_bench_search"
TARGET_P95_MS = 100.0
# The focus areas and the chain they depend on (wijk names are needed to match their wijken);
# the monitor's data is not needed.
FOCUS_AREA_SOURCES = (
    "cbs-indeling-2020",
    "cbs-kwb-gemeenten-2020",
    "cbs-gemeentegrenzen",
    "cbs-wijknamen",
    "focusgebieden",
)

# --- vocabulary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    problems: tuple[str, ...]
    groups: tuple[str, ...]
    activities: tuple[str, ...]
    gains: tuple[str, ...]


THEMES: dict[str, Theme] = {
    "werk_inkomen": Theme(
        problems=(
            "schulden",
            "armoede",
            "werkloosheid",
            "energiearmoede",
            "betalingsachterstanden",
            "geldzorgen",
            "langdurige bijstandsafhankelijkheid",
            "laaggeletterdheid",
        ),
        groups=(
            "huishoudens met schulden",
            "werkzoekenden",
            "alleenstaande moeders",
            "statushouders",
            "jongeren zonder startkwalificatie",
            "gezinnen in armoede",
        ),
        activities=(
            "een schuldhulpspreekuur in het buurthuis",
            "vroegsignalering van betalingsachterstanden",
            "budgetcoaching door getrainde vrijwilligers",
            "leerwerkplekken bij lokale ondernemers",
            "een taalcursus gekoppeld aan werkervaring",
            "een energiecoach die bewoners thuis bezoekt",
        ),
        gains=("financiële rust", "kansen op werk", "een stabiel inkomen", "zelfredzaamheid"),
    ),
    "veiligheid_ondermijning": Theme(
        problems=(
            "overlast",
            "ondermijning",
            "drugshandel",
            "criminaliteit",
            "jeugdoverlast",
            "straatintimidatie",
            "woninginbraken",
            "onveiligheidsgevoelens",
        ),
        groups=(
            "jongeren op straat",
            "ondernemers in de winkelstraat",
            "bewoners van portiekflats",
            "ouders van tieners",
            "jongeren die gevoelig zijn voor ronselpraktijken",
        ),
        activities=(
            "buurtvaders die 's avonds door de wijk lopen",
            "een buurtpreventieteam met een appgroep",
            "gesprekken tussen de wijkagent en jongeren",
            "weerbaarheidstrainingen tegen ronselen voor drugshandel",
            "een meldpunt voor overlast",
            "straatcoaches op pleinen en bij portieken",
        ),
        gains=("veiligheid", "vertrouwen in de politie", "rust op straat", "weerbaarheid"),
    ),
    "gezondheid": Theme(
        problems=(
            "eenzaamheid",
            "overgewicht",
            "psychische klachten",
            "gezondheidsverschillen",
            "chronische stress",
            "weinig beweging",
            "ongezonde voeding",
        ),
        groups=(
            "ouderen",
            "eenzame ouderen",
            "mantelzorgers",
            "kinderen met overgewicht",
            "bewoners met psychische klachten",
            "alleenstaande ouderen",
        ),
        activities=(
            "huisbezoeken door vrijwilligers bij ouderen",
            "een wekelijkse gezamenlijke maaltijd in het buurthuis",
            "wandelgroepen onder leiding van een buurtsportcoach",
            "een gezondheidsspreekuur met de huisarts",
            "welzijn op recept via de huisartsenpraktijk",
            "een ontmoetingsplek voor mantelzorgers",
        ),
        gains=("gezondheid", "sociale contacten", "een gezonde leefstijl", "veerkracht"),
    ),
    "onderwijs_jeugd": Theme(
        problems=(
            "taalachterstand",
            "schooluitval",
            "voortijdig schoolverlaten",
            "onderwijsachterstanden",
            "opvoedingsvragen",
            "weinig ontwikkelkansen",
        ),
        groups=(
            "jongeren",
            "kinderen in de basisschoolleeftijd",
            "tieners",
            "ouders van jonge kinderen",
            "nieuwkomers",
            "peuters en hun ouders",
        ),
        activities=(
            "voorlezen aan peuters door vrijwilligers",
            "huiswerkbegeleiding in de bibliotheek",
            "mentoren voor jongeren in het voortgezet onderwijs",
            "een verlengde schooldag met sport en cultuur",
            "taallessen voor ouders op school",
            "snuffelstages bij bedrijven in de wijk",
        ),
        gains=("kansengelijkheid", "schoolsucces", "taalvaardigheid", "toekomstperspectief"),
    ),
    "leefbaarheid_wonen": Theme(
        problems=(
            "verloedering",
            "zwerfafval",
            "slechte woningen",
            "schimmel in woningen",
            "spanningen tussen buren",
            "weinig ontmoeting",
            "verkeersonveiligheid",
        ),
        groups=(
            "huurders",
            "bewoners van flats",
            "nieuwe bewoners",
            "buurtbewoners",
            "kinderen die buiten spelen",
        ),
        activities=(
            "opschoonacties met bewoners",
            "een buurtmoestuin",
            "een bewonerscommissie die met de woningcorporatie overlegt",
            "buurtbemiddeling bij burenruzies",
            "het samen opknappen van speelpleinen",
            "een jaarlijks wijkfestival",
        ),
        gains=("leefbaarheid", "contact tussen buren", "woonplezier", "een schone buurt"),
    ),
    "corona": Theme(
        problems=(
            "besmettingen",
            "sociale isolatie tijdens de lockdown",
            "een lage vaccinatiegraad",
            "wantrouwen in de overheid",
            "uitgestelde zorg",
        ),
        groups=(
            "ouderen",
            "bewoners met weinig vertrouwen in de overheid",
            "jongeren tijdens de lockdown",
            "kwetsbare gezinnen",
        ),
        activities=(
            "(corona)veilige pleintjes met buurtvaders",
            "voorlichting door sleutelpersonen in de eigen taal",
            "een vaccinatiebus in de wijk",
            "telefooncirkels voor ouderen",
            "boodschappenhulp door vrijwilligers",
        ),
        gains=("bescherming", "vertrouwen", "verbinding", "toegang tot zorg"),
    ),
}
PARTNERS = (
    "de woningcorporatie",
    "het wijkteam",
    "de huisarts",
    "de gemeente",
    "de GGD",
    "de wijkagent",
    "het welzijnswerk",
    "de bibliotheek",
    "een sportvereniging",
    "de basisschool",
    "een moskee",
    "een kerk",
    "een zelforganisatie van migranten",
    "lokale ondernemers",
    "het jongerenwerk",
    "het UWV",
    "de schuldhulpverlening",
    "een zorgverzekeraar",
    "de buurtvereniging",
    "een bewonersinitiatief",
)
NAMES = (
    "Samen Sterk",
    "Buurtkracht",
    "Wijkwijs",
    "De Verbinding",
    "Thuis in de Wijk",
    "Op Eigen Kracht",
    "Naast Elkaar",
    "Hand in Hand",
    "Kansrijk",
    "Vitaal",
    "Het Netwerk",
    "Buurt aan Zet",
    "Zorg om de Hoek",
    "Sterk Begin",
    "Wij in de Wijk",
)
OWNERSHIP = (
    "Bewoners zitten in de stuurgroep en beslissen mee over de besteding van het budget.",
    "Het initiatief komt van bewoners zelf; professionals ondersteunen waar dat gevraagd wordt.",
    "Bewoners worden geïnformeerd via de wijkkrant en kunnen meedenken op bewonersavonden.",
    "Ervaringsdeskundigen uit de buurt voeren de activiteiten uit en worden daarvoor opgeleid.",
    "Sleutelfiguren uit verschillende gemeenschappen brengen de signalen van bewoners in.",
)
CONDITIONS = (
    "een vaste plek in de wijk",
    "meerjarige financiering",
    "een betrokken wijkregisseur",
    "vertrouwen tussen bewoners en professionals",
    "goede afspraken over privacy",
    "voldoende vrijwilligers",
    "steun van de gemeenteraad",
)
LESSONS = (
    "Begin klein en laat bewoners het tempo bepalen.",
    "Investeer in vertrouwen voordat je resultaten verwacht.",
    "Vaste gezichten in de wijk zijn belangrijker dan folders.",
    "Houd de administratie licht, anders haken vrijwilligers af.",
    "Betrek de deelnemers zelf bij het ontwerp van de activiteiten.",
    "Werk samen met informele netwerken zoals moskeeën en sportclubs.",
    "Maak vooraf afspraken over wie welke signalen oppakt.",
)
COST_ITEMS = (
    "coördinatie",
    "vrijwilligersvergoedingen",
    "huur van ruimte",
    "scholing",
    "materiaal",
)

# The query mix: (kind, query, filters); filter values in <> are filled in from the database.
QUERIES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("één woord", "eenzaamheid", {}),
    ("één woord", "schulden", {}),
    ("één woord", "taalachterstand", {}),
    ("één woord", "buurtvaders", {}),
    ("één woord", "overlast", {}),
    ("één woord", "ondermijning", {}),
    ("één woord", "armoede", {}),
    ("één woord", "jongeren", {}),
    ("twee woorden", "eenzaamheid ouderen", {}),
    ("twee woorden", "schulden jongeren", {}),
    ("twee woorden", "taalachterstand ouders", {}),
    ("twee woorden", "overlast jongeren", {}),
    ("twee woorden", "armoede gezinnen", {}),
    ("twee woorden", "gezondheid mantelzorgers", {}),
    ("met filter", "eenzaamheid", {"theme": "gezondheid"}),
    ("met filter", "jongeren", {"city": "<city>"}),
    ("met filter", "schulden", {"evidence_level": "bewezen"}),
    ("met filter", "overlast", {"area": "<area>"}),
    ("met filter", "eenzaamheid ouderen", {"coalition_type": "ad_hoc", "city": "<city>"}),
    ("met filter", "buurtvaders", {"theme": "veiligheid_ondermijning", "area": "<area>"}),
)


# --- database ---------------------------------------------------------------------------------


def postgres_server() -> str:
    """The maintenance database URL of the server to use (DATABASE_URL's server, if PostgreSQL)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return urlunsplit(urlsplit(url)._replace(path="/postgres"))
    return DEFAULT_SERVER


def create_postgres(server: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return urlunsplit(urlsplit(server)._replace(path="/" + BENCH_DATABASE))


def drop_postgres(server: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')


def timed(label: str, action: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = action()
    print(f"  {label:44} {time.perf_counter() - start:7.2f} s")
    return result


def prepare_schema() -> None:
    from django.core.management import call_command

    timed("migrate", lambda: call_command("migrate", verbosity=0))
    for source in FOCUS_AREA_SOURCES:
        timed(
            f"import_data {source}",
            lambda source=source: call_command(
                "import_data", source, verbosity=0, stdout=io.StringIO()
            ),
        )


# --- generated practices ----------------------------------------------------------------------


@dataclass
class Place:
    name: str  # shown in the texts
    city: str
    focus_area_id: int | None = None
    region_ids: list[int] = field(default_factory=list)


def places() -> list[Place]:
    """Where generated practices can lie: a focus area with one of its wijken, a wijk alone
    (the focus area then follows from it), or a whole municipality."""
    from ruggensteun.areas.models import FocusArea, FocusAreaMember

    found: list[Place] = []
    for area in FocusArea.objects.select_related("municipality").order_by("pk"):
        city = area.municipality.display_name
        members = list(
            FocusAreaMember.objects.filter(focus_area=area).values_list("region_id", flat=True)
        )
        found.append(Place(area.name, city, area.pk, members[:1]))
        found.extend(Place(area.name, city, None, [member]) for member in members[:3])
        found.append(Place(city, city, None, [area.municipality_id]))
    if not found:
        raise SystemExit("no focus areas imported; the facets would be empty")
    return found


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence_bank(rng: random.Random, theme: Theme, other: Theme, place: Place) -> dict[str, str]:
    """The description fields of one practice, from the vocabulary of two themes."""
    problem, problem2 = rng.sample(theme.problems, 2)
    group, group2 = rng.choice(theme.groups), rng.choice(other.groups)
    activity, activity2 = rng.choice(theme.activities), rng.choice(other.activities)
    partners = rng.sample(PARTNERS, 3)
    gain = rng.choice(theme.gains)
    years, reached = rng.randint(1, 6), rng.randint(12, 400)
    return {
        "title": rng.choice(
            (
                f"{rng.choice(NAMES)}: {activity} in {place.name}",
                f"{cap(activity)} tegen {problem}",
                f"{rng.choice(NAMES)} {place.name} — {problem} samen aanpakken",
            )
        )[:200],
        "summary": f"In {place.name} werken {partners[0]} en {partners[1]} samen aan {problem}. "
        f"Met {activity} bereiken zij {group}.",
        "problem": f"In de wijk hebben veel {group} te maken met {problem}. {cap(problem2)} komt "
        f"er vaker voor dan gemiddeld in {place.city}. Professionals zien daarnaast "
        f"{rng.choice(other.problems)}.",
        "target_group": f"{cap(group)}, en in het bijzonder {group2}.",
        "goal": f"Minder {problem} en meer {gain} voor {group} in {place.name}.",
        "approach": f"{cap(activity)}. Daarnaast is er {activity2}. Bewoners en "
        f"{partners[2]} bepalen samen welke activiteiten voorrang krijgen.",
        "partners_roles": f"{cap(partners[0])} coördineert, {partners[1]} levert menskracht en "
        f"{partners[2]} zorgt voor een plek in de wijk.",
        "resident_ownership": rng.choice(OWNERSHIP),
        "conditions": f"Nodig zijn {rng.choice(CONDITIONS)} en {rng.choice(CONDITIONS)}.",
        "costs": f"Ongeveer {rng.randint(5, 250) * 1000:,} euro per jaar, vooral voor "
        f"{rng.choice(COST_ITEMS)}.".replace(",", "."),
        "results": f"Na {years} jaar bereikte het project {reached} {group}. Deelnemers melden "
        f"minder {problem} en meer {rng.choice(theme.gains)}.",
        "lessons": " ".join(rng.sample(LESSONS, 2)),
        "transferability": f"Toepasbaar in andere wijken met veel {group}, mits er "
        f"{rng.choice(CONDITIONS)} is.",
    }


def coalitions(rng: random.Random, count: int) -> list[Any]:
    from ruggensteun.practices.models import Coalition, CoalitionType

    rows = [
        Coalition(
            name=f"{rng.choice(NAMES)} coalitie {number}",
            slug=f"bench-coalitie-{number}",
            type=rng.choice(CoalitionType.values),
        )
        for number in range(count)
    ]
    return Coalition.objects.bulk_create(rows)


def new_practice(rng: random.Random, number: int, place: Place, coalition: Any) -> Any:
    from django.utils import timezone

    from ruggensteun.practices.models import EvidenceLevel, Practice
    from ruggensteun.practices.workflow import Status

    keys = rng.sample(list(THEMES), 2)
    texts = sentence_bank(rng, THEMES[keys[0]], THEMES[keys[1]], place)
    for optional in ("costs", "results", "lessons", "transferability"):
        if rng.random() < 0.25:
            texts[optional] = ""
    return Practice(
        slug=f"bench-praktijk-{number}",
        themes=keys[:1] if rng.random() < 0.6 else keys,
        evidence_level=rng.choices(EvidenceLevel.values, weights=(50, 25, 18, 7))[0],
        coalition=coalition,
        status=Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=rng.randint(0, 1500)),
        **texts,
    )


def generate(count: int, seed: int) -> int:
    """`count` published practices with their places, in bulk (no signals fire)."""
    from ruggensteun.practices.models import Practice

    rng = random.Random(seed)
    spots = places()
    groups = coalitions(rng, max(1, count // 20))
    chosen = [rng.choice(spots) for _ in range(count)]
    rows = [
        new_practice(rng, number, spot, rng.choice(groups) if rng.random() < 0.6 else None)
        for number, spot in enumerate(chosen)
    ]
    created = Practice.objects.bulk_create(rows, batch_size=500)
    area_links = Practice.focus_areas.through
    region_links = Practice.regions.through
    area_links.objects.bulk_create(
        [
            area_links(practice_id=practice.pk, focusarea_id=spot.focus_area_id)
            for practice, spot in zip(created, chosen, strict=True)
            if spot.focus_area_id
        ],
        batch_size=2000,
    )
    region_links.objects.bulk_create(
        [
            region_links(practice_id=practice.pk, region_id=region_id)
            for practice, spot in zip(created, chosen, strict=True)
            for region_id in spot.region_ids
        ],
        batch_size=2000,
    )
    return len(created)


def index_and_analyze(vendor: str) -> None:
    from django.db import connection

    from ruggensteun.practices.search.index import search_rebuild

    if vendor == "sqlite":
        timed("search_rebuild (SQLite FTS5, Python stemming)", search_rebuild)
    with connection.cursor() as cursor:
        timed("ANALYZE", lambda: cursor.execute("ANALYZE"))


# --- measuring --------------------------------------------------------------------------------


def resolve_filters() -> list[tuple[str, str, dict[str, str]]]:
    """The query mix with <city> and <area> replaced by the busiest focus area and its city."""
    from django.db.models import Count

    from ruggensteun.areas.models import FocusArea
    from ruggensteun.practices.models import Practice

    links = Practice.focus_areas.through.objects.values("focusarea")
    top = links.annotate(uses=Count("pk")).order_by("-uses", "focusarea").first()
    if top is None:
        raise SystemExit("no practice lies in a focus area")
    busiest = FocusArea.objects.select_related("municipality").get(pk=top["focusarea"])
    values = {"<city>": busiest.municipality.code, "<area>": busiest.slug}
    return [
        (kind, query, {name: values.get(value, value) for name, value in filters.items()})
        for kind, query, filters in QUERIES
    ]


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of `values` (share 0.95 for p95)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def figures(label: str, values: Sequence[float]) -> str:
    return (
        f"  {label:34} n={len(values):4}  p50 {percentile(values, 0.50):6.1f}"
        f"  p95 {percentile(values, 0.95):6.1f}  p99 {percentile(values, 0.99):6.1f}"
        f"  max {max(values):6.1f} ms"
    )


def run_searches(mix: list[tuple[str, str, dict[str, str]]], rounds: int, seed: int) -> list[Any]:
    """(kind, query, filters, ms, total hits) per search, in a shuffled order."""
    from ruggensteun.practices.search import search

    order = [item for _ in range(rounds) for item in mix]
    random.Random(seed).shuffle(order)
    timings = []
    for kind, query, filters in order:
        start = time.perf_counter()
        page = search(query, filters=filters or None)
        elapsed = (time.perf_counter() - start) * 1000
        timings.append((kind, query, tuple(filters.items()), elapsed, page.total))
    return timings


def index_lookups(
    mix: list[tuple[str, str, dict[str, str]]], rounds: int
) -> tuple[list[float], dict[str, int]]:
    """The index lookup alone (`match()`) for the same queries, and how many practices each
    query matches before the filters. The rest of a search is loading the matched practices,
    their places, the facets and the snippets."""
    from ruggensteun.practices.search import query_terms
    from ruggensteun.practices.search.index import match

    found, matched = [], {}
    for _ in range(rounds):
        for _kind, query, _filters in mix:
            start = time.perf_counter()
            matched[query] = len(match(query_terms(query)))
            found.append((time.perf_counter() - start) * 1000)
    return found, matched


def report(timings: list[Any], lookups: list[float], matched: dict[str, int]) -> float:
    by_kind: dict[str, list[float]] = {}
    by_query: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[list[float], int]] = {}
    for kind, query, filters, elapsed, total in timings:
        by_kind.setdefault(kind, []).append(elapsed)
        by_query.setdefault((query, filters), ([], total))[0].append(elapsed)
    print("per query (practices matched by the index / left after the filters; median, max):")
    for (query, filters), (values, total) in sorted(by_query.items()):
        shown = query + (" | " + ", ".join(f"{k}={v}" for k, v in filters) if filters else "")
        print(
            f"    {shown[:58]:58} {matched[query]:5} / {total:5}"
            f"  {statistics.median(values):7.1f}  max {max(values):7.1f} ms"
        )
    print("search() latency:")
    for kind, values in by_kind.items():
        print(figures(kind, values))
    overall = [row[3] for row in timings]
    print(figures("all searches", overall))
    print(figures("of which the index lookup (match())", lookups))
    return percentile(overall, 0.95)


def captured_index_query(query: str) -> tuple[str, Any]:
    """The SQL and parameters of the index query that search() runs for `query`."""
    from django.db import connection

    from ruggensteun.practices.search import search

    captured: list[tuple[str, Any]] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        search(query)
    return next(
        (sql, params) for sql, params in captured if "search_vector" in sql or " MATCH " in sql
    )


# Statements that leave the planner only the GIN index (inside a rolled-back transaction).
ONLY_GIN = (
    "DROP INDEX practices_practice_status_9362bcff",
    "DROP INDEX practices_practice_status_9362bcff_like",
    "DROP INDEX practice_review_due",
    "SET LOCAL enable_seqscan = off",
)


def plan(sql: str, params: Any, *, only_gin: bool = False) -> list[str]:
    from django.db import connection, transaction

    postgres = connection.vendor == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in ONLY_GIN if only_gin else ():
            cursor.execute(statement)
        cursor.execute(prefix + sql, params)
        lines = [" ".join(str(part) for part in row) for row in cursor.fetchall()]
        transaction.set_rollback(True)
    return lines


def explain(query: str) -> None:
    """The plan of the index query for `query`, as search() runs it (PostgreSQL: also the plan
    the planner gives when a sequential scan is ruled out, for comparison)."""
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    sql, params = captured_index_query(query)
    lines = plan(sql, params)
    print(f"plan of the index query for {query!r}:")
    print("\n".join(f"    {line}" for line in lines))
    index_name = "practices_practice_search" if postgres else "VIRTUAL TABLE INDEX"
    label = "GIN index practices_practice_search" if postgres else "FTS5 index"
    used = any(index_name in line for line in lines)
    print(f"  {label} used: {'yes' if used else 'NO'}")
    if postgres:
        print(
            "for comparison, the same query when the planner may only use the GIN index "
            "(btree indexes on status dropped and seq scan off, in a rolled-back transaction):"
        )
        print("\n".join(f"    {line}" for line in plan(sql, params, only_gin=True)))


def profile(query: str, filters: dict[str, str]) -> None:
    """cProfile of one search(), the functions with the most cumulative time."""
    import cProfile
    import pstats

    from ruggensteun.practices.search import search

    profiler = cProfile.Profile()
    profiler.runcall(search, query, filters=filters or None)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    print(f"profile of search({query!r}, filters={filters}):")
    print(out.getvalue().strip())


def measure(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.db import connection

    from ruggensteun.practices.models import Practice

    vendor = connection.vendor
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"== search benchmark on {vendor}, {os.cpu_count()} cores, load average {load}")
    prepare_schema()
    timed(f"generate {args.practices:,} practices", lambda: generate(args.practices, args.seed))
    index_and_analyze(vendor)
    mix = resolve_filters()
    timed("warm-up (every query twice)", lambda: run_searches(mix, 2, args.seed + 1))
    timings = run_searches(mix, args.rounds, args.seed)
    lookups, matched = index_lookups(mix, max(1, args.rounds // 2))
    published = Practice.objects.filter(status="published").count()
    print(
        f"practices: {published:,} published; queries: {len(mix)} distinct, "
        f"{len(timings)} searches timed (limit 20, first page)"
    )
    p95 = report(timings, lookups, matched)
    verdict = "yes" if p95 <= TARGET_P95_MS else "NO"
    print(f"p95 {p95:.1f} ms ≤ {TARGET_P95_MS:.0f} ms: {verdict}")
    explain("eenzaamheid ouderen")
    if args.profile:
        slowest = max(timings, key=lambda row: row[3])
        profile(slowest[1], dict(slowest[2]))


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file instead")
    parser.add_argument("--practices", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=12, help="times each query is timed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of the slowest search"
    )
    return parser.parse_args()


def main() -> None:
    args = parse()
    sys.path.insert(0, str(ROOT / "src"))
    server = postgres_server()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}" if args.sqlite else create_postgres(server)
        os.environ.update(
            DATABASE_URL=url,
            SECRET_KEY=os.environ.get("SECRET_KEY") or "bench",
            DEBUG="0",  # no query log in memory
            DJANGO_SETTINGS_MODULE="ruggensteun.settings",
        )
        try:
            measure(args)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.sqlite:
                drop_postgres(server)


if __name__ == "__main__":
    main()
