"""Shared fixtures: a test database loaded once per session with the shipped real data.

Only tests that use the database (the `django_db` mark or the `db` fixture) load it; pure tests
(tests/analysis, the CBS code helpers, …) never create a database at all. Under pytest-xdist
each worker creates its own test database and loads the data once.
"""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from ruggensteun.imports.base import registered_sources
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.recompute import monitor_recompute

DATA_DIR = Path(settings.DATA_DIR)
# Argon2 (production) costs ~0.1 s and 100 MB per hash; many tests create users and log in.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """After the test database is created, load every shipped source once (as `make data` does).

    Tests run inside transactions that roll back, so each test sees exactly the shipped data.
    """
    with django_db_blocker.unblock():
        for source in registered_sources():
            import_execute(source=source)
        monitor_recompute()


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
