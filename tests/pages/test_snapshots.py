"""The overview and Zaandam Oost's dashboard render byte for byte as before the architecture step
of issue 13, and so does the text of the PDF report; only the CSRF token and the moment the data
were loaded and computed differ per run.

Refresh the snapshots only for an intended change of a page: `UPDATE_SNAPSHOTS=1 pytest
tests/pages/test_snapshots.py`, and say why in the commit.
"""

import os
import re
from pathlib import Path

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]

SNAPSHOTS = Path(__file__).resolve().parents[1] / "data" / "snapshots"
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
PAGES = {"overview.html": "/", "zaandam-oost.html": "/gebieden/zaandam-oost/"}


def _normalised(html: str) -> str:
    return masked(TOKEN.sub(r"\1TOKEN\2", html))


def compare(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}: run with UPDATE_SNAPSHOTS=1 once"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_renders_as_its_snapshot(client: Client, name: str) -> None:
    response = client.get(PAGES[name])
    assert response.status_code == 200
    compare(name, _normalised(response.content.decode()))


MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


def masked(text: str) -> str:
    """Today's date (and yesterday's, for a run across midnight) with its time, wherever the
    report says when it was made or when the data were loaded; period dates stay."""
    from datetime import timedelta

    from django.utils import timezone

    # The results version hashes the data and the analysis core's source: a refactor of the
    # core changes the stamp, not a figure.
    text = re.sub(r"\bresultaten [0-9a-f]{12}\b", "resultaten VERSIE", text)
    today = timezone.localdate()
    for day in (today, today - timedelta(days=1)):
        month = MONTHS.split()[day.month - 1]
        when = re.compile(rf"\b{day.day}\s+{month}\s+{day.year}(?:,? \d\d:\d\d)?")
        text = when.sub("DATUM", text)
    return text
