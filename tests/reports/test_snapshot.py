"""The text of Zaandam Oost's diagnosis report is as before the architecture step of issue 13
(see tests/pages/test_snapshots.py for how to refresh a snapshot)."""

import pytest

from tests.pages.test_snapshots import compare, masked
from tests.reports.conftest import Rendered

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]


def test_the_report_text_is_as_its_snapshot(zaandam: Rendered) -> None:
    compare("zaandam-oost-report.txt", masked(zaandam.text))
