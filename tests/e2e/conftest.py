"""Browser tests: a real server process on its own database, driven by Debian's Chromium.

The server gets its own database, a copy of this session's test database right after the shipped
data was loaded (tests/conftest.py): an SQLite file, or `<test database>_e2e` on the PostgreSQL
server when DATABASE_URL points there. pytest-xdist gives each worker its own test database name
(`test_<name>_gw0`, …), so the copies of two workers never collide. The server then adds what
`make run` adds (the memo's practices, the demo logins), so the browser tests never disturb the
rolled-back test database of the other tests.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sqlite_copy(tmp: Path) -> str:
    """The in-memory test database, copied to a file the server process can open."""
    path = tmp / "e2e.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return f"sqlite:///{path}"


def _postgres_admin(url: str) -> str:
    """The URL of the server's `postgres` database, to create and drop databases from."""
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _postgres_copy(url: str, name: str) -> str:
    """CREATE DATABASE … TEMPLATE the test database (which must have no open connection)."""
    import psycopg

    template = connection.settings_dict["NAME"]
    connections.close_all()
    with psycopg.connect(_postgres_admin(url), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


@pytest.fixture(scope="session")
def e2e_database_url(
    tmp_path_factory: pytest.TempPathFactory,
    django_db_setup: None,
    django_db_blocker: Any,
) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        with django_db_blocker.unblock():
            copy = _sqlite_copy(tmp_path_factory.mktemp("e2e"))
        yield copy
        return
    import psycopg

    name = f"{connection.settings_dict['NAME']}_e2e"
    with django_db_blocker.unblock():
        copy = _postgres_copy(url, name)
    yield copy
    with psycopg.connect(_postgres_admin(url), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "ruggensteun", *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture(scope="session")
def live_url(e2e_database_url: str) -> Iterator[str]:
    env = {
        **os.environ,
        "DATABASE_URL": e2e_database_url,
        "DEBUG": "1",
        "SECRET_KEY": "e2e-only",
        "PYTHONPATH": str(ROOT / "src"),
    }
    _manage(env, "migrate", "--no-input", "-v0")  # nothing to do: the copy is migrated
    _manage(env, "load_practice_examples")
    _manage(env, "demo_data")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ruggensteun", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the e2e server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(live_url: str) -> Iterator[object]:
    """Playwright marks an event loop as running in this thread while it is started, and inside
    one Django refuses database work (SynchronousOnlyOperation). So it starts after the server
    (whose database is copied from the test database) and stops after each module, before a
    database test that pytest-xdist may run next on the same worker."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
