"""RIVM COVID-19: positive tests, admissions and deaths per gemeente (2023 division), and GGD
tests per veiligheidsregio, summed over the catalogue's periods."""

from __future__ import annotations

import gzip
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import polars as pl

from ruggensteun.analysis.periods import aggregate, incomplete, zeros_before
from ruggensteun.areas.models import Level, Region
from ruggensteun.imports.base import (
    ImportProblem,
    ImportRejected,
    ParsedBatch,
    Progress,
    WriteResult,
    register,
)
from ruggensteun.imports.limits import open_unpacked
from ruggensteun.imports.models import ImportRun
from ruggensteun.monitor.catalogue import load
from ruggensteun.monitor.services import ObservationRow, observations_upsert, region_ids

GEMEENTE_SOURCE, TESTS_SOURCE = "rivm-covid-gemeente", "rivm-testen-vr"
FOLDER = "rivm_covid19_gemeente_dag"
FILES = {
    "positief_getest_per_gemeente_per_dag.csv.gz": ["infected", "infected_per_100k"],
    "ziekenhuisopnames_nice_per_gemeente_per_dag.csv.gz": ["admissions_on_date_of_admission"],
    "overleden_rivm_per_gemeente_per_dag.csv.gz": ["covid_daily"],
}
GEMEENTE_VINTAGE, VR_VINTAGE = 2023, 2020
# RIVM: the first confirmed case in the Netherlands. Before it every count is zero, so a series that
# starts with the epidemic covers the year 2020; the GGD tests file, which starts on 1 June 2020
# (testing for everyone), does not.
FIRST_CASE = date(2020, 2, 27)
REGIONS = {True: "regio", False: "regio's"}


@dataclass(frozen=True)
class CovidRows:
    """Parsed observations, and why some periods were left out (the import run's messages)."""

    rows: list[ObservationRow]
    notes: tuple[str, ...] = ()


def complete(sums: pl.DataFrame) -> tuple[pl.DataFrame, list[str], list[str]]:
    """The complete (region, period) sums, the periods complete for every region (only those get
    a national figure), and a note per incomplete period: a part of a period is no figure for it."""
    left_out = incomplete(sums)
    notes = [
        f"Periode {period} onvolledig: {days} van {period_days} dagen "
        f"({count} {REGIONS[count == 1]}); niet opgenomen."
        for period, days, period_days, count in left_out.iter_rows()
    ]
    whole = sorted(set(sums.get_column("period")) - set(left_out.get_column("period")))
    return sums.filter(pl.col("complete")), whole, notes


def read_csv(path: Path, separator: str = ",") -> pl.DataFrame:
    try:
        # Unpacked as a stream within the unpacked-size cap of imports.limits (no gzip bombs).
        with open_unpacked(path) as stream:
            raw = stream.read()
        return pl.read_csv(io.BytesIO(raw), separator=separator, infer_schema=False)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ImportRejected(
            [ImportProblem(f"Het bestand kan niet gelezen worden ({exc}).", file=path.name)]
        ) from None
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, UnicodeDecodeError) as exc:
        raise ImportRejected(
            [ImportProblem(f"Geen geldige CSV ({str(exc).splitlines()[0]}).", file=path.name)]
        ) from None


def typed(
    frame: pl.DataFrame, name: str, columns: dict[str, Any], problems: list[ImportProblem]
) -> pl.DataFrame:
    """Cast text columns; every value that does not fit is reported with its line number."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        problems.append(
            ImportProblem(
                f"Verplichte kolom(men) ontbreken: {', '.join(missing)}.", file=name, row=1
            )
        )
        return frame.clear()
    frame = frame.with_row_index("line", offset=2)
    casts = []
    for column, dtype in columns.items():
        cast = (
            pl.col(column).str.to_date("%Y-%m-%d", strict=False)
            if dtype == pl.Date
            else pl.col(column).cast(dtype, strict=False)
        )
        casts.append(cast.alias(column))
        bad = frame.filter(pl.col(column).is_not_null() & (pl.col(column) != "") & cast.is_null())
        for line, value in bad.select("line", column).head(20).iter_rows():
            problems.append(
                ImportProblem(
                    f"'{value}' is geen geldige waarde.", file=name, row=line, column=column
                )
            )
        if dtype != pl.Date and dtype != pl.Utf8:
            negative = frame.filter(cast < 0)
            for (line,) in negative.select("line").head(20).iter_rows():
                problems.append(
                    ImportProblem("Negatief aantal.", file=name, row=line, column=column)
                )
    return frame.with_columns(casts)


def duplicates(
    frame: pl.DataFrame, keys: list[str], name: str, problems: list[ImportProblem]
) -> None:
    doubled = frame.filter(pl.struct(keys).is_duplicated())
    for line, *key in doubled.select("line", *keys).head(20).iter_rows():
        problems.append(
            ImportProblem(f"Dubbele regel voor {' '.join(map(str, key))}.", file=name, row=line)
        )


@register
class CovidMunicipalImporter:
    source: ClassVar[str] = GEMEENTE_SOURCE
    label: ClassVar[str] = (
        "RIVM COVID-19 per gemeente: positief geteste personen, opnames, overledenen"
    )
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-gemeentegrenzen",)

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / FOLDER / name for name in FILES]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        problems: list[ImportProblem] = []
        known = set(region_ids(GEMEENTE_VINTAGE))
        daily: pl.DataFrame | None = None
        read = 0
        for path in paths:
            columns = FILES.get(path.name)
            if columns is None:
                raise ImportRejected(
                    [
                        ImportProblem(
                            f"Onverwacht bestand; verwacht: {', '.join(FILES)}.", file=path.name
                        )
                    ]
                )
            frame = typed(
                read_csv(path),
                path.name,
                {"gmcode": pl.Utf8, "date": pl.Date, **dict.fromkeys(columns, pl.Float64)},
                problems,
            )
            read += frame.height
            unknown = frame.filter(~pl.col("gmcode").is_in(list(known)))
            for line, code in unknown.select("line", "gmcode").head(20).iter_rows():
                problems.append(
                    ImportProblem(
                        f"Gemeentecode '{code}' bestaat niet in de indeling {GEMEENTE_VINTAGE}.",
                        file=path.name,
                        row=line,
                        column="gmcode",
                    )
                )
            duplicates(frame, ["gmcode", "date"], path.name, problems)
            frame = frame.select(pl.col("gmcode").alias("region"), "date", *columns)
            daily = (
                frame
                if daily is None
                else daily.join(frame, on=["region", "date"], how="full", coalesce=True)
            )
        if problems or daily is None:
            raise ImportRejected(problems, rows_read=read)
        return ParsedBatch(records=self._rows(daily), rows_read=read)

    def _rows(self, daily: pl.DataFrame) -> CovidRows:
        catalogue = load()
        periods = [
            catalogue.periods[p] for p in catalogue.indicators["rivm_positief_per_100k"].periods
        ]
        columns = [i.column for i in catalogue.by_source(GEMEENTE_SOURCE)]
        sums, whole, notes = complete(
            aggregate(
                zeros_before(daily, FIRST_CASE, periods).fill_null(0),
                periods,
                [*columns, "infected_per_100k"],
            )
        )
        # The dashboard's population: infected / infected_per_100k × 100,000, from period sums so
        # the rounding of the per-100k figures averages out.
        sums = sums.with_columns(
            pl.when(pl.col("infected_per_100k") > 0)
            .then((pl.col("infected") / pl.col("infected_per_100k") * 100_000).round(0))
            .alias("population")
        )
        national = (
            sums.filter(pl.col("period").is_in(whole))
            .group_by("period")
            .agg(pl.col(columns).sum(), pl.col("population").sum())
            .with_columns(pl.lit("NL01").alias("region"))
        )
        rows = []
        for record in pl.concat(
            [sums.select(national.columns), national], how="vertical"
        ).iter_rows(named=True):
            for indicator in catalogue.by_source(GEMEENTE_SOURCE):
                count, population = record[indicator.column], record["population"]
                value = count / population * indicator.multiplier if population else None
                rows.append(
                    ObservationRow(
                        record["region"],
                        indicator.id,
                        record["period"],
                        value,
                        count,
                        population,
                        derived=indicator.derived,
                    )
                )
        return CovidRows(rows, tuple(notes))

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        return WriteResult(
            accepted=observations_upsert(
                rows=batch.records.rows, vintage=GEMEENTE_VINTAGE, run=run, progress=progress
            ),
            notes=batch.records.notes,
        )


@register
class CovidTestsImporter:
    """GGD tests with result and positives per veiligheidsregio; population = sum of its 2020
    gemeenten (KWB 2020), so tests per 1,000 is marked derived."""

    source: ClassVar[str] = TESTS_SOURCE
    label: ClassVar[str] = "RIVM GGD-testen per veiligheidsregio"
    depends_on: ClassVar[tuple[str, ...]] = ("cbs-gemeentegrenzen", "cbs-kwb-gemeenten-2020")

    def default_paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / "rivm_covid19_uitgevoerde_testen" / "COVID-19_uitgevoerde_testen.csv"]

    def parse(self, paths: Sequence[Path]) -> ParsedBatch:
        problems: list[ImportProblem] = []
        path = paths[0]
        frame = typed(
            read_csv(path, separator=";"),
            path.name,
            {
                "Date_of_statistics": pl.Date,
                "Security_region_code": pl.Utf8,
                "Tested_with_result": pl.Float64,
                "Tested_positive": pl.Float64,
            },
            problems,
        )
        if not problems:
            known = set(
                Region.objects.filter(vintage=VR_VINTAGE, level=Level.VEILIGHEIDSREGIO).values_list(
                    "code", flat=True
                )
            )
            unknown = frame.filter(
                pl.col("Security_region_code").is_not_null()
                & ~pl.col("Security_region_code").is_in(list(known))
            )
            for line, code in unknown.select("line", "Security_region_code").head(20).iter_rows():
                problems.append(
                    ImportProblem(
                        f"Onbekende veiligheidsregio '{code}'.",
                        file=path.name,
                        row=line,
                        column="Security_region_code",
                    )
                )
            too_many = frame.filter(pl.col("Tested_positive") > pl.col("Tested_with_result"))
            for (line,) in too_many.select("line").head(20).iter_rows():
                problems.append(
                    ImportProblem(
                        "Meer positieve testen dan testen met uitslag.",
                        file=path.name,
                        row=line,
                        column="Tested_positive",
                    )
                )
            duplicates(frame, ["Date_of_statistics", "Security_region_code"], path.name, problems)
        if problems:
            raise ImportRejected(problems, rows_read=frame.height)
        daily = frame.select(
            pl.col("Security_region_code").fill_null("onbekend").alias("region"),
            pl.col("Date_of_statistics").alias("date"),
            "Tested_with_result",
            "Tested_positive",
        )
        return ParsedBatch(records=self._rows(daily), rows_read=frame.height)

    def _rows(self, daily: pl.DataFrame) -> CovidRows:
        catalogue = load()
        tests, positives = (
            catalogue.indicators["rivm_testen_per_1000"],
            catalogue.indicators["rivm_aandeel_positief"],
        )
        sums, whole, notes = complete(
            aggregate(
                daily,
                [catalogue.periods[p] for p in tests.periods],
                ["Tested_with_result", "Tested_positive"],
            )
        )
        national = (
            sums.filter(pl.col("period").is_in(whole))
            .group_by("period")
            .agg(pl.col("Tested_with_result", "Tested_positive").sum())
            .with_columns(pl.lit("NL01").alias("region"))
        )
        population = self._population()
        rows = []
        for record in pl.concat(
            [sums.filter(pl.col("region") != "onbekend").select(national.columns), national],
            how="vertical",
        ).iter_rows(named=True):
            region, period = record["region"], record["period"]
            done, positive, inhabitants = (
                record["Tested_with_result"],
                record["Tested_positive"],
                population.get(region),
            )
            rows.append(
                ObservationRow(
                    region,
                    tests.id,
                    period,
                    done / inhabitants * 1000 if inhabitants else None,
                    done,
                    inhabitants,
                    derived=True,
                )
            )
            rows.append(
                ObservationRow(
                    region,
                    positives.id,
                    period,
                    positive / done * 100 if done else None,
                    positive,
                    done,
                )
            )
        return CovidRows(rows, tuple(notes))

    def _population(self) -> dict[str, float]:
        result: dict[str, float] = {}
        for code, population in Region.objects.filter(
            vintage=VR_VINTAGE, level=Level.GEMEENTE, population__isnull=False
        ).values_list("safety_region__code", "population"):
            if code and population is not None:
                result[code] = result.get(code, 0) + population
        nl = Region.objects.get(vintage=VR_VINTAGE, code="NL01").population
        result["NL01"] = float(nl or 0)
        return result

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        return WriteResult(
            accepted=observations_upsert(
                rows=batch.records.rows, vintage=VR_VINTAGE, run=run, progress=progress
            ),
            notes=batch.records.notes,
        )
