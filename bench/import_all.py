"""Time loading every shipped source into a fresh database (SQLite file, or DATABASE_URL's server).

Usage: uv run python bench/import_all.py
Prints the wall time of each importer and the total.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def fresh_database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    import psycopg

    parts = urlsplit(url)
    name = "ruggensteun_bench"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name))


def automatic_sources(env: dict[str, str]) -> list[str]:
    """Every source `make data` loads (on-demand ones, like uploads, need a file)."""
    listing = subprocess.run(
        [sys.executable, "-m", "ruggensteun", "import_data", "--list"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    return [line for line in listing if line and not line.endswith("(op verzoek)")]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": fresh_database_url(Path(tmp)), "SECRET_KEY": "bench"}
        manage = [sys.executable, "-m", "ruggensteun"]
        subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        sources = automatic_sources(env)
        total = 0.0
        engine = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
        print(f"import of the shipped data on {engine}")
        for source in sources:
            start = time.perf_counter()
            subprocess.run(
                [*manage, "import_data", source, "-v0"],
                env=env,
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"  {source:28} {elapsed:6.2f} s")
        print(f"  {'total':28} {total:6.2f} s  (includes ~1 s Python start-up per source)")


if __name__ == "__main__":
    main()
