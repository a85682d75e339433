"""docs/audit.md names every audit action the code writes, and no action the code does not."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "src" / "ruggensteun"
KEYWORD = re.compile(r'action\s*=\s*"([a-z_]+)\.[a-z_]+"')
NAME = re.compile(r'"([a-z_]+\.[a-z_]+)"')


def _actions_in_code() -> set[str]:
    """Names passed as action="x.y", and any "x.y" literal of those x in modules that audit
    (names chosen by a condition, e.g. "user.activate" if … else "user.deactivate")."""
    auditing = [
        path.read_text()
        for path in SOURCES.rglob("*.py")
        if "/audit/" not in str(path) and re.search(r"audit_record\(|_audit\(", path.read_text())
    ]
    spaces = {space for text in auditing for space in KEYWORD.findall(text)}
    return {
        name for text in auditing for name in NAME.findall(text) if name.split(".")[0] in spaces
    }


@pytest.mark.issue(12)
def test_the_audit_document_lists_every_action() -> None:
    document = (ROOT / "docs" / "audit.md").read_text()
    listed = set(re.findall(r"`([a-z_]+\.[a-z_]+)`", document.split("## What is audited")[1]))
    listed = {name for name in listed if not name.endswith((".py", ".md", ".sql"))}
    in_code = _actions_in_code()
    assert in_code - listed == set(), "undocumented audit actions"
    assert {"focus_area.create", "focus_area.change", "focus_area.delete"} <= in_code
