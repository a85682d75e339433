"""Shared fixtures: a test database loaded once per session with the shipped real data."""

from pathlib import Path

import pytest
from django.conf import settings

from ruggensteun.imports.base import registered_sources
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.recompute import monitor_recompute

DATA_DIR = Path(settings.DATA_DIR)


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
def plain_static_storage(settings):  # type: ignore[no-untyped-def]
    """Production hashes static files at collectstatic time; tests render pages without it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts without cached page fragments."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR
