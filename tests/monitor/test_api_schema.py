"""schemathesis: generated requests against every API operation; no server errors, and every
response matches the OpenAPI document the API publishes."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ruggensteun.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI handler closes database connections after each request; inside a test's
    transaction that would close it under the test (Django's test client avoids it the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    # A page beyond the last (404) and domain checks the schema cannot express (a vintage that
    # is not loaded) are documented 4xx answers, so "a schema-valid request must be accepted"
    # does not apply; every other check does, server errors and response schemas included.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
