"""Shared fixtures: a test database loaded once per session with the shipped real data.

Only tests that use the database (the `django_db` mark or the `db` fixture) load it; pure tests
(tests/analysis, the CBS code helpers, …) never create a database at all. Under pytest-xdist
each worker creates its own test database and loads the data once.
"""

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import setup_databases, teardown_databases

from ruggensteun.imports.base import registered_sources
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.recompute import monitor_recompute

DATA_DIR = Path(settings.DATA_DIR)
# Argon2 (production) costs ~0.1 s and 100 MB per hash; many tests create users and log in.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The configured database's name before pytest-django replaces it with the test database's.
CONFIGURED_NAME = settings.DATABASES["default"]["NAME"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """After the test database is created, load every shipped source once (as `make data` does).

    Tests run inside transactions that roll back, so each test sees exactly the shipped data.
    pytest-django creates a test database only when a collected test is marked for the database;
    the browser tests use it only through a copy (tests/e2e/conftest.py), so when they run on
    their own the test database is created here, never the configured database written to.
    """
    with django_db_blocker.unblock():
        own = None
        if connection.settings_dict["NAME"] == CONFIGURED_NAME:
            own = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        for source in registered_sources():
            import_execute(source=source)
        monitor_recompute()
        if connection.vendor == "sqlite":
            WrittenTables(connection).install()
    yield
    if own is not None:
        with django_db_blocker.unblock():
            teardown_databases(own, verbosity=0)


# INSERT, UPDATE or DELETE as Django (and the raw SQL of the apps) writes them.
WRITE = re.compile(r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)


class WrittenTables:
    """At the end of each test Django checks the deferred foreign keys before rolling back; on
    SQLite that is `PRAGMA foreign_key_check` over the whole database, ~0.1 s per test with the
    shipped data (600,000 observations), more than most tests take. This checks the same
    constraints where a test can have broken them: the tables it wrote to, and the tables that
    reference those (a deleted parent leaves its children dangling)."""

    def __init__(self, database: BaseDatabaseWrapper) -> None:
        self.database = database
        self.check_all = database.check_constraints
        self.written: set[str] = set()
        self.children: dict[str, set[str]] = {}
        with database.cursor() as cursor:
            for table in database.introspection.table_names(cursor):
                for _column, (_field, parent) in database.introspection.get_relations(
                    cursor, table
                ).items():
                    self.children.setdefault(parent, set()).add(table)
        self.with_keys = set().union(*self.children.values())

    def install(self) -> None:
        self.database.execute_wrappers.append(self.record)
        self.database.check_constraints = self.check  # type: ignore[method-assign]

    def record(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if match := WRITE.match(sql):
            self.written.add(match.group(1))
        return execute(sql, params, many, context)

    def check(self, table_names: Iterable[str] | None = None) -> None:
        if table_names is not None:
            return self.check_all(table_names)
        written, self.written = self.written, set()
        reached = written.union(*(self.children.get(table, set()) for table in written))
        return self.check_all(sorted(reached & self.with_keys))


@pytest.fixture(autouse=True)
def test_settings(settings, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Production hashes static files at collectstatic time; tests render pages without it.
    Passwords are hashed with MD5 for speed, except in tests marked `production_hashers`."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if request.node.get_closest_marker("production_hashers") is None:
        settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts without cached page fragments."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


# Under pytest-xdist (`make test`: `-n auto --dist loadgroup`) the tests under each prefix run on
# one worker: the browser tests share their server and its database, the report tests the rendered
# PDF. Grouped by path here because pytest 9.2 ignores the `xdist_group` marks of pytest-xdist 3.8
# (pytest-dev/pytest-xdist#1386: the group suffix it writes into the node id no longer sticks).
XDIST_GROUPS = {"tests/e2e/": "e2e", "tests/reports/": "reports"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class PathGroupScheduling(LoadGroupScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            for prefix, group in XDIST_GROUPS.items():
                if nodeid.startswith(prefix):
                    return group
            return str(super()._split_scope(nodeid))

    return PathGroupScheduling(config, log)
