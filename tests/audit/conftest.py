"""Fixtures shared by the audit tests."""

import pytest

from ruggensteun.audit.models import AuditEvent
from ruggensteun.audit.services import audit_record


@pytest.fixture
def event() -> AuditEvent:
    return audit_record(actor=None, action="test.event", area_code="GM0479", after={"x": 1})
