"""Recomputing the monitor: observations from the database through the pure analysis core into
materialised result rows that pages and the API read. Skipped when nothing changed (stamp)."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Count, Max

from ruggensteun.analysis import stacking
from ruggensteun.analysis.compare import compare
from ruggensteun.analysis.similar import neighbours
from ruggensteun.analysis.spec import AREAS, INDICATORS, OBSERVATIONS, SUPPRESSED, frame
from ruggensteun.areas.models import FocusArea, Level, Region

from .area_notes import area_notes
from .catalogue import Catalogue, indicator_rows, load
from .division import successor_2023
from .models import ComparisonResult, DomainResult, Observation, Ranking, ResultSet, SimilarArea

WIJK_VINTAGE = 2020


def engine_fingerprint() -> str:
    """A hash of the analysis core and this module, so changed code recomputes too."""
    from ruggensteun import analysis

    digest = hashlib.sha256()
    for path in sorted([*Path(analysis.__file__).parent.glob("*.py"), Path(__file__)]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def current_stamp(catalogue: Catalogue) -> str:
    facts = Observation.objects.aggregate(n=Count("id"), last=Max("id"), runs=Max("import_run_id"))
    areas = FocusArea.objects.aggregate(n=Count("members"), last=Max("members__id"))
    text = f"{catalogue.version}|{engine_fingerprint()}|{facts}|{areas}"
    return hashlib.sha256(text.encode()).hexdigest()


def observations_frame() -> tuple[pl.DataFrame, dict[str, int]]:
    """All observations as the analysis core's frame, and each indicator's region vintage."""
    rows = Observation.objects.values_list(
        "region__code",
        "region__vintage",
        "indicator",
        "period",
        "numerator",
        "denominator",
        "value",
        "cbs_symbol",
    )
    columns: list[tuple[Any, ...]] = list(zip(*rows.iterator(chunk_size=50_000), strict=True))
    columns = columns or [()] * 8
    table = pl.DataFrame(
        {
            "region": pl.Series(columns[0], dtype=pl.Utf8),
            "vintage": pl.Series(columns[1], dtype=pl.Int32),
            "indicator": pl.Series(columns[2], dtype=pl.Utf8),
            "period": pl.Series(columns[3], dtype=pl.Utf8),
            "numerator": pl.Series(columns[4], dtype=pl.Float64),
            "denominator": pl.Series(columns[5], dtype=pl.Float64),
            "value": pl.Series(columns[6], dtype=pl.Float64),
            "symbol": pl.Series(columns[7], dtype=pl.Utf8),
        }
    )
    vintages = dict(table.group_by("indicator").agg(pl.col("vintage").max()).iter_rows())
    return table.drop("vintage"), vintages


def area_rows(wijk_scope: Iterable[str]) -> tuple[list[dict[str, object]], dict[str, Any]]:
    """Focus areas (key fa:<pk>) and single wijken (key wk:<code>) as the core's area frame,
    with each member's population where known (weights of the GGD estimates)."""
    rows: list[dict[str, object]] = []
    keys: dict[str, Any] = {}
    for area in FocusArea.objects.select_related("municipality").prefetch_related(
        "members__region"
    ):
        key = f"fa:{area.pk}"
        keys[key] = area
        for member in area.members.all():
            rows.append(
                {
                    "area": key,
                    "municipality": area.municipality.code,
                    "member": member.region.code,
                    "population": member.region.population,
                }
            )
    for wijk in Region.objects.filter(
        vintage=WIJK_VINTAGE, level=Level.WIJK, code__in=list(wijk_scope)
    ).select_related("parent"):
        key = f"wk:{wijk.code}"
        keys[key] = wijk
        rows.append(
            {
                "area": key,
                "municipality": wijk.parent.code if wijk.parent else "",
                "member": wijk.code,
                "population": wijk.population,
            }
        )
    return rows, keys


def safety_region_references(
    observations: pl.DataFrame, municipalities: set[str], vr_indicators: list[str]
) -> tuple[pl.DataFrame, dict[str, str]]:
    """Safety-region figures stand in for their 2020 municipalities: copied under each
    municipality's code, with a note saying whose figure it is."""
    links = dict(
        Region.objects.filter(
            vintage=WIJK_VINTAGE, code__in=municipalities, safety_region__isnull=False
        ).values_list("code", "safety_region__code")
    )
    names = dict(
        Region.objects.filter(vintage=WIJK_VINTAGE, level=Level.VEILIGHEIDSREGIO).values_list(
            "code", "name"
        )
    )
    mapping = pl.DataFrame(
        {"municipality": list(links), "region": list(links.values())},
        schema={"municipality": pl.Utf8, "region": pl.Utf8},
    )
    copies = (
        observations.filter(pl.col("indicator").is_in(vr_indicators))
        .join(mapping, on="region")
        .with_columns(pl.col("municipality").alias("region"))
        .drop("municipality")
    )
    notes = {
        gm: f"Cijfer van veiligheidsregio {names.get(vr, vr)} ({vr}); geen cijfers per gemeente."
        for gm, vr in links.items()
    }
    return copies, notes


def rankable(observations: pl.DataFrame, results: pl.DataFrame) -> pl.DataFrame:
    """Wijk figures that may take part in rankings: not the ones the comparison suppresses
    (a percentile would tell where a hidden figure lies among the published ones)."""
    hidden = results.filter(
        pl.col("area").cast(pl.Utf8).str.starts_with("wk:")
        & pl.col("area_reason").cast(pl.Utf8).is_in(list(SUPPRESSED))
    ).select(
        pl.col("area").cast(pl.Utf8).str.strip_prefix("wk:").alias("region"),
        pl.col("indicator").cast(pl.Utf8),
        pl.col("period").cast(pl.Utf8),
    )
    wijken = observations.filter(pl.col("region").str.starts_with("WK"))
    return wijken.join(hidden, on=["region", "indicator", "period"], how="anti")


def wijk_populations() -> pl.DataFrame:
    """Inhabitants per wijk where known, to weigh an area's member wijken (stacking)."""
    known = Region.objects.filter(
        vintage=WIJK_VINTAGE, level=Level.WIJK, population__isnull=False
    ).values_list("code", "population")
    codes, people = zip(*known, strict=True) if known else ((), ())
    return pl.DataFrame(
        {"region": list(codes), "population": list(people)},
        schema={"region": pl.Utf8, "population": pl.Float64},
    )


def domain_shares(thresholds: pl.DataFrame) -> dict[str, dict[str, dict[str, float]]]:
    """Per domain and period: the wijken with a score, how many are flagged and their share
    (so a flag can say "x % van de Nederlandse wijken")."""
    shares: dict[str, dict[str, dict[str, float]]] = {}
    for row in thresholds.iter_rows(named=True):
        shares.setdefault(row["domain"], {})[row["period"]] = {
            "wijken": row["wijken"],
            "flagged": row["flagged_wijken"],
            "percent": round(row["flagged_percent"], 1),
        }
    return shares


# Why a test ran without the correction for the spread between units, per comparison.
UNCORRECTED = {
    "rest": "Te weinig wijken met aantallen in deze gemeente ({units}) om de gewone spreiding "
    "tussen wijken te schatten: vergeleken met de rest van de gemeente zonder die correctie.",
    "doc": "Te weinig wijken met aantallen in deze gemeente ({units}) om de gewone spreiding "
    "van veranderingen te schatten: verschil in verandering getoetst zonder die correctie.",
    "nl": "Te weinig Nederlandse wijken met aantallen ({units}) om de gewone spreiding te "
    "schatten: vergeleken met Nederland zonder die correctie.",
    "gm_nl": "Te weinig gemeenten met aantallen ({units}) om de gewone spreiding te schatten: "
    "gemeente vergeleken met Nederland zonder die correctie.",
}
NATIONAL_FROM_MUNICIPALITIES = (
    "Wijkcijfers uit te weinig gemeenten ({count}) om de gewone spreiding tussen Nederlandse "
    "wijken te schatten: vergeleken met Nederland met de spreiding tussen gemeenten."
)
INCONSISTENT = (
    "Het totaal van de gemeente wijkt af van de som van haar wijken (meer gevallen of minder "
    "inwoners dan de wijken samen): geen cijfer voor de rest van de gemeente."
)


def method_notes(record: dict[str, Any]) -> list[str]:
    """Notes on how this row was tested: tests without the overdispersion correction, and a
    rest of the municipality that could not be counts."""
    notes = [
        text.format(units=record.get(f"units_{name}") or 0)
        for name, text in UNCORRECTED.items()
        if record.get(f"p_{name}") is not None and record.get(f"tau2_{name}") is None
    ]
    if record.get("p_nl") is not None and record.get("spread_nl") == "GM":
        notes.append(NATIONAL_FROM_MUNICIPALITIES.format(count=record.get("municipalities_nl")))
    if record.get("rest_inconsistent"):
        notes.append(INCONSISTENT)
    return notes


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in record.items()
    }


def monitor_recompute(*, force: bool = False) -> ResultSet:
    catalogue = load()
    stamp = current_stamp(catalogue)
    latest = ResultSet.objects.order_by("-computed_at", "-pk").first()
    if latest is not None and latest.stamp == stamp and not force:
        return latest
    started = time.perf_counter()
    observations, vintages = observations_frame()
    indicators = frame(indicator_rows(catalogue), INDICATORS)
    focus_municipalities = set(FocusArea.objects.values_list("municipality__code", flat=True))
    wijk_scope = Region.objects.filter(
        vintage=WIJK_VINTAGE, level=Level.WIJK, parent__code__in=focus_municipalities
    ).values_list("code", flat=True)
    rows, keys = area_rows(wijk_scope)
    municipalities = {str(r["municipality"]) for r in rows}
    vr_indicators = [i.id for i in catalogue.indicators.values() if "veiligheidsregio" in i.levels]
    copies, vr_notes = safety_region_references(observations, municipalities, vr_indicators)
    inputs = pl.concat([observations, copies], how="vertical").select(list(OBSERVATIONS))
    results = compare(inputs, frame(rows, AREAS), indicators)
    ranked = stacking.flags(
        stacking.percentiles(
            rankable(observations, results), indicators, min_regions=stacking.MIN_NATIONAL
        )
    )
    profile = stacking.domain_profile(ranked)
    areas_profile = stacking.area_profile(
        profile,
        frame([r for r in rows if str(r["area"]).startswith("fa:")], AREAS),
        wijk_populations(),
    )
    shares = domain_shares(stacking.domain_thresholds(profile))
    with transaction.atomic():
        result_set = ResultSet.objects.create(
            stamp=stamp,
            catalogue_version=catalogue.version,
            seconds=0,
            observations=observations.height,
            domain_shares=shares,
        )
        _store(
            result_set,
            results,
            ranked,
            profile,
            areas_profile,
            keys,
            vintages,
            vr_notes,
            catalogue,
            set(wijk_scope),
        )
        _store_similar(result_set, areas_profile, keys)
        ResultSet.objects.exclude(pk=result_set.pk).delete()
        result_set.seconds = round(time.perf_counter() - started, 3)
        result_set.save(update_fields=["seconds"])
    return result_set


def _store(
    result_set: ResultSet,
    results: pl.DataFrame,
    ranked: pl.DataFrame,
    profile: pl.DataFrame,
    areas_profile: pl.DataFrame,
    keys: dict[str, Any],
    vintages: dict[str, int],
    vr_notes: dict[str, str],
    catalogue: Catalogue,
    wijk_scope: set[str],
) -> None:
    comparisons = []
    omitted = results.get_column("area_omitted").explode().drop_nulls().unique().to_list()
    names = dict(
        Region.objects.filter(vintage=WIJK_VINTAGE, code__in=omitted).values_list("code", "name")
    )
    for record in results.iter_rows(named=True):
        target = keys[record["area"]]
        indicator = catalogue.indicators[record["indicator"]]
        notes = []
        gm = record["municipality"]
        if "veiligheidsregio" in indicator.levels and gm in vr_notes:
            notes.append(vr_notes[gm])
        elif vintages.get(indicator.id) == 2023:
            successor = successor_2023(gm)
            if successor.note:
                notes.append(successor.note)
        if indicator.derived:
            notes.append(
                "Afgeleid uit afgeronde of gereconstrueerde aantallen: "
                "niet op significantie getoetst."
            )
        notes += area_notes(record, names, indicator.rounding)
        notes += method_notes(record)
        record["notes"] = notes
        comparisons.append(
            ComparisonResult(
                result_set=result_set,
                focus_area=target if isinstance(target, FocusArea) else None,
                region=target if isinstance(target, Region) else None,
                indicator=record["indicator"],
                period=record["period"],
                data=_clean(record),
            )
        )
    ComparisonResult.objects.bulk_create(comparisons, batch_size=2000)
    wijk_ids = dict(
        Region.objects.filter(vintage=WIJK_VINTAGE, level=Level.WIJK).values_list("code", "id")
    )
    wijk_domains = [
        _domain_result(
            result_set, r, because=r["flagged_indicators"], region_id=wijk_ids[r["region"]]
        )
        for r in profile.iter_rows(named=True)
        if r["region"] in wijk_ids
    ]
    area_domains = [
        _domain_result(result_set, r, because=r["flagged_members"], focus_area=keys[r["area"]])
        for r in areas_profile.iter_rows(named=True)
    ]
    DomainResult.objects.bulk_create(wijk_domains + area_domains, batch_size=2000)
    Ranking.objects.bulk_create(
        [
            Ranking(
                result_set=result_set,
                region_id=wijk_ids[r["region"]],
                indicator=r["indicator"],
                period=r["period"],
                percentile=r["percentile"],
                flagged=r["flagged"],
            )
            for r in ranked.filter(pl.col("region").is_in(list(wijk_scope))).iter_rows(named=True)
        ],
        batch_size=2000,
    )


def _domain_result(
    result_set: ResultSet, row: dict[str, Any], *, because: list[str], **target: Any
) -> DomainResult:
    """One domain's flag and score for a wijk (region_id=…) or a focus area (focus_area=…)."""
    return DomainResult(
        result_set=result_set,
        domain=row["domain"],
        period=row["period"],
        flagged=row["domain_flagged"],
        score=row["domain_score"],
        because=because,
        **target,
    )


def _store_similar(
    result_set: ResultSet, areas_profile: pl.DataFrame, keys: dict[str, Any]
) -> None:
    """Nearest focus areas on their latest domain scores (mean member percentiles)."""
    latest = areas_profile.filter(pl.col("period") == areas_profile.get_column("period").max())
    features = latest.select(
        pl.col("area").alias("region"),
        pl.col("domain").alias("feature"),
        pl.col("domain_score").alias("value"),
    )
    nearest = neighbours(features, k=5, min_shared=3)
    SimilarArea.objects.bulk_create(
        SimilarArea(
            result_set=result_set,
            focus_area=keys[r["region"]],
            neighbour=keys[r["neighbour"]],
            distance=r["distance"],
            shared=r["shared"],
        )
        for r in nearest.iter_rows(named=True)
    )
