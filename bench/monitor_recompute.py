"""Benchmark of the monitor: imports, the floor (loading observations) and a full recompute.

Usage: uv run python bench/monitor_recompute.py   (SQLite in a temp folder; set DATABASE_URL
for PostgreSQL). Prints wall times and peak memory. Targets (issue 4): full recompute ≤ 5 s,
≤ 1 GiB, ≤ 3x the floor; import of one national year ≤ 30 s (SQLite) / ≤ 15 s (PostgreSQL).

"Full recompute" = every Dutch wijk and buurt as its own area plus the focus areas, against its
municipality and Nederland, for every catalogued indicator and shipped period, with the stacking
percentiles over all wijken and all buurten: the pure analysis core on everything loaded.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_all import automatic_sources, fresh_database_url

ROOT = Path(__file__).resolve().parents[1]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hwm_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def prepare(env: dict[str, str]) -> None:
    manage = [sys.executable, "-m", "ruggensteun"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    print("imports (each includes ~1 s of Python start-up):")
    for source in automatic_sources(env):
        start = time.perf_counter()
        subprocess.run(
            [*manage, "import_data", source, "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"  {source:28} {time.perf_counter() - start:7.2f} s")
    # One national year: the GGD 2020 file (18+) alone, all 17,341 regions, again (forced).
    year = (
        ROOT / "data" / "rivm_gezondheid_wijk_buurt_2020" / "gezondheid_wijk_buurt_2020_18plus.csv"
    )
    start = time.perf_counter()
    subprocess.run(
        [*manage, "import_data", "ggd-gezondheid", str(year), "--force", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(
        f"  one national year (GGD 2020 18+, forced re-import)"
        f"  {time.perf_counter() - start:7.2f} s"
    )


def measure() -> None:
    import django

    django.setup()
    import polars as pl

    from ruggensteun.analysis import stacking
    from ruggensteun.analysis.compare import compare
    from ruggensteun.analysis.spec import AREAS, INDICATORS, frame
    from ruggensteun.monitor.catalogue import indicator_rows, load
    from ruggensteun.monitor.recompute import area_rows, monitor_recompute, observations_frame

    start = time.perf_counter()
    observations, _ = observations_frame()
    floor = time.perf_counter() - start
    print(f"floor: load {observations.height:,} observations into a frame   {floor:6.2f} s")

    indicators = frame(indicator_rows(load()), INDICATORS)
    focus_rows, _ = area_rows([])
    regions = observations.filter(
        pl.col("region").str.starts_with("WK") | pl.col("region").str.starts_with("BU")
    )
    members = regions.select(pl.col("region").unique())
    every_region = members.with_columns(
        pl.col("region").alias("area"),
        ("GM" + pl.col("region").str.slice(2, 4)).alias("municipality"),
        pl.col("region").alias("member"),
    ).select("area", "municipality", "member")
    areas = pl.concat([frame(focus_rows, AREAS), every_region], how="vertical")
    before = rss_mib()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # reset the peak (VmHWM) so it measures the recompute alone
    start = time.perf_counter()
    results = compare(observations, areas, indicators)
    for prefix in ("WK", "BU"):
        ranked = stacking.flags(stacking.percentiles(observations, indicators, level_prefix=prefix))
        stacking.stacking(stacking.domain_profile(ranked))
    full = time.perf_counter() - start
    print(
        f"full recompute: {areas.get_column('area').n_unique():,} areas, "
        f"{results.height:,} comparison rows"
        f"   {full:6.2f} s  ({full / floor:.1f}x the floor)"
    )
    print(
        f"memory: {before:,.0f} MiB resident before, "
        f"peak {hwm_mib():,.0f} MiB during the recompute "
        f"(whole process, observations frame included)"
    )

    start = time.perf_counter()
    result_set = monitor_recompute(force=True)
    print(
        f"materialised recompute (what `make data` runs): {time.perf_counter() - start:6.2f} s, "
        f"{result_set.comparisons.count():,} stored comparison rows"
    )


def main() -> None:
    if os.environ.get("RUGGENSTEUN_BENCH_CHILD"):
        measure()
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": fresh_database_url(Path(tmp)),
            "SECRET_KEY": "bench",
            "DJANGO_SETTINGS_MODULE": "ruggensteun.settings",
        }
        engine = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
        print(f"== monitor benchmark on {engine}, {os.cpu_count()} cores")
        prepare(env)
        subprocess.run(
            [sys.executable, __file__], env={**env, "RUGGENSTEUN_BENCH_CHILD": "1"}, check=True
        )


if __name__ == "__main__":
    main()
