"""Benchmark of the area report (issue 8): one area's PDF, and the batch of all focus areas.

Usage: uv run python bench/reports.py [--reuse]
Without --reuse: a fresh database (SQLite in a temp folder; set DATABASE_URL for PostgreSQL) with
every shipped source imported and the monitor recomputed, as `make data` does; with --reuse: the
database the settings point at (the development database), which must hold the data already.

Measures in a separate process: Zaandam Oost's report (HTML built from the stored results, then
the PDF), the first render (cold: imports, fonts, the chart renderer) and the median of three;
then `area_report --all` (every focus area plus the overview, in parallel worker processes, one
per core). Targets: one area ≤ 5 s, all 20 focus areas ≤ 60 s on 2 cores.
"""

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_all import fresh_database_url

ROOT = Path(__file__).resolve().parents[1]
AREA = "zaandam-oost"
ONE_AREA_TARGET, ALL_TARGET = 5.0, 60.0


def prepare(env: dict[str, str]) -> None:
    manage = [sys.executable, "-m", "ruggensteun"]
    start = time.perf_counter()
    for args in (["migrate", "-v0"], ["import_data", "--all", "-v0"], ["recompute_monitor"]):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"prepared: migrate, import the data, recompute  {time.perf_counter() - start:.0f} s")


def verdict(seconds: float, target: float) -> str:
    return f"{'OK' if seconds <= target else 'TOO SLOW'} (target ≤ {target:.0f} s)"


def measure() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from pypdf import PdfReader

    from ruggensteun.areas.models import FocusArea
    from ruggensteun.reports.management.commands.area_report import default_workers
    from ruggensteun.reports.render import quiet_weasyprint, report_html, report_pdf

    quiet_weasyprint()
    area = FocusArea.objects.select_related("municipality").get(slug=AREA)
    times = []
    for _ in range(4):
        start = time.perf_counter()
        pdf = report_pdf(area)
        times.append(time.perf_counter() - start)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    start = time.perf_counter()
    report_html(area, for_pdf=True)
    html = time.perf_counter() - start
    median = statistics.median(times[1:])
    print(f"one area ({area.name}: {pages} pages, {len(pdf) / 1024:.0f} KiB), content and PDF:")
    print(f"  first render (cold: imports, fonts, chart renderer)   {times[0]:6.2f} s")
    print(f"  median of the next three                              {median:6.2f} s  ", end="")
    print(verdict(median, ONE_AREA_TARGET))
    print(f"  of which the HTML (content from the stored results)   {html:6.2f} s")

    workers = default_workers()
    count = FocusArea.objects.filter(is_default=True).count()
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        call_command(
            "area_report",
            "--all",
            "--out",
            out,
            "--workers",
            str(workers),
            verbosity=0,
            stdout=io.StringIO(),
        )
        batch = time.perf_counter() - start
        files = len(list(Path(out).iterdir()))
    print(
        f"all {count} focus areas + overview ({files} PDFs, {workers} worker processes)"
        f"  {batch:6.2f} s  {verdict(batch, ALL_TARGET)}"
    )


def main() -> None:
    if os.environ.get("RUGGENSTEUN_BENCH_CHILD"):
        measure()
        return
    reuse = "--reuse" in sys.argv[1:]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ruggensteun.settings"}
        if not reuse:
            env |= {"DATABASE_URL": fresh_database_url(Path(tmp)), "SECRET_KEY": "bench"}
        else:
            env.setdefault("DEBUG", "1")
        url = env.get("DATABASE_URL", "")
        engine = "postgresql" if url.startswith("postgres") else "sqlite"
        where = "the configured database" if reuse else "a fresh database"
        print(f"== report benchmark on {engine} ({where}), {cores} cores")
        if not reuse:
            prepare(env)
        subprocess.run(
            [sys.executable, __file__], env={**env, "RUGGENSTEUN_BENCH_CHILD": "1"}, check=True
        )


if __name__ == "__main__":
    main()
