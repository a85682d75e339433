"""Web load benchmark (issue 5): gunicorn with 2 workers on PostgreSQL, locust headless in its own
process, everything on 127.0.0.1. Prints p50/p95, requests/s and errors per page.

Usage: uv run python bench/web_load.py   (needs the PostgreSQL server on 127.0.0.1:5432)
Target: overview and area dashboard p95 <= 200 ms at 20 concurrent users for 60 s, zero errors.
"""

import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "postgres://postgres@127.0.0.1:5432/ruggensteun_load"
USERS, SECONDS = int(os.environ.get("USERS", "20")), int(os.environ.get("SECONDS", "60"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(env: dict[str, str]) -> None:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS ruggensteun_load WITH (FORCE)")
        conn.execute("CREATE DATABASE ruggensteun_load")
    manage = [sys.executable, "-m", "ruggensteun"]
    for args in (
        ["migrate", "-v0"],
        ["import_data", "--all", "-v0"],
        ["recompute_monitor"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def run(tags: str, url: str, out: Path) -> list[dict[str, str]]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(USERS),
            "-r",
            str(USERS),
            "-t",
            f"{SECONDS}s",
            "--host",
            url,
            "--tags",
            tags,
            "--csv",
            str(out),
            "--only-summary",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{out}_stats.csv") as handle:
        return list(csv.DictReader(handle))


def summary(row: dict[str, str]) -> str:
    return (
        f"  {row['Name']:20} requests {row['Request Count']:>6}  errors {row['Failure Count']:>3}"
        f"  p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms"
        f"  {float(row['Requests/s']):6.1f} req/s"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": DATABASE,
            "SECRET_KEY": "load-benchmark",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "0",
        }
        prepare(env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ruggensteun.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{url}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            print(
                f"== web load: gunicorn 2 workers, PostgreSQL, {USERS} users, {SECONDS} s each run"
            )
            for tags in ("pages", "floor"):
                for row in run(tags, url, Path(tmp) / tags):
                    if row["Name"] == "Aggregated":
                        continue
                    print(summary(row))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
