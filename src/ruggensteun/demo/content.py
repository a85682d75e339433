"""Load the demo content: practices and signals marked as fictional, in development only.

`demo_content_load()` refuses unless DEBUG is on (the same guard as the demo logins), runs in
one transaction (all or nothing) and is idempotent. It acts as the demo users that
`demo_data` creates: the programme team writes and reviews the practices, a demo professional
per municipality records the signals (the existing Poelenburg professional for Poelenburg).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Role, RoleAssignment, User
from ruggensteun.practices.errors import PracticeError
from ruggensteun.signals.services import SignalRefused

from .practice_content import practices_load
from .signal_content import sessions_load, signals_load

HERE = Path(__file__).parent
PRACTICES_PATH = HERE / "practices.toml"
SIGNALS_PATH = HERE / "signals.toml"
DOMAIN = "demo.ruggensteun.nl"  # the demo logins' domain (accounts demo_data)
EDITOR = f"programma@{DOMAIN}"

ERROR_PRODUCTION = _(
    "Demo-inhoud (verzonnen praktijken en signalen) wordt alleen geladen met DEBUG=1, "
    "nooit in productie."
)
ERROR_NOT_LOADED = _("Demo-inhoud niet geladen (er is niets opgeslagen): {error}")
ERROR_NO_DEMO_USERS = _(
    "De demo-logins ontbreken ({email}); maak ze eerst met `ruggensteun demo_data`."
)


class DemoRefused(Exception):
    """The demo content was not loaded; the message says why, in Dutch."""


@dataclass
class DemoReport:
    """What a run did: keys created now, keys that already existed, and what is missing."""

    created: dict[str, list[str]] = field(default_factory=dict)
    existing: dict[str, list[str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # areas not in this database

    def add(self, kind: str, key: str, *, created: bool) -> None:
        target = self.created if created else self.existing
        target.setdefault(kind, []).append(key)

    def count(self, kind: str) -> tuple[int, int]:
        return len(self.created.get(kind, [])), len(self.existing.get(kind, []))


def demo_allowed() -> None:
    """Raise DemoRefused outside development (DEBUG off)."""
    if not settings.DEBUG:
        raise DemoRefused(str(ERROR_PRODUCTION))


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class DemoAuthor:
    """A demo professional who records the demo signals of one municipality."""

    login: str  # the part before @
    municipality: str  # GM code, the role's scope
    organisation: str
    description: str


def demo_authors(path: Path = SIGNALS_PATH) -> list[DemoAuthor]:
    """The demo professionals the signals need; `demo_content` creates their logins."""
    return [
        DemoAuthor(author["login"], code, author["organisation"], author["description"])
        for code, author in _read(path)["authors"].items()
    ]


def demo_user(local: str) -> User:
    """An existing demo login by the part before @ (made by `demo_data`)."""
    email = f"{local}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        raise DemoRefused(str(ERROR_NO_DEMO_USERS).format(email=email))
    return user


def demo_professional(code: str, authors: dict[str, str]) -> User:
    """The demo user who records a signal for region `code`: the Poelenburg professional in
    Poelenburg, else the demo professional of the municipality (`authors`: GM code → login)."""
    poelenburg = demo_user("professional")
    if RoleAssignment.objects.filter(
        user=poelenburg, role=Role.PROFESSIONAL, area_code=code[:8].replace("BU", "WK")
    ).exists():
        return poelenburg
    return demo_user(authors["GM" + code[2:6]])


@transaction.atomic
def demo_content_load(
    *, practices_path: Path = PRACTICES_PATH, signals_path: Path = SIGNALS_PATH
) -> DemoReport:
    """Create the demo practices, signals and duiding sessions that do not exist yet."""
    demo_allowed()
    report = DemoReport()
    try:
        _load(practices_path, signals_path, report)
    except (PracticeError, SignalRefused) as error:
        message = getattr(error, "message", None) or str(error)
        raise DemoRefused(str(ERROR_NOT_LOADED).format(error=message)) from error
    report.missing = sorted(set(report.missing))
    return report


def _load(practices_path: Path, signals_path: Path, report: DemoReport) -> None:
    practices = _read(practices_path)
    practices_load(practices, editor=demo_user("programma"), owner_of=demo_user, report=report)
    signals = _read(signals_path)
    logins = {code: author["login"] for code, author in signals["authors"].items()}

    def author_of(code: str) -> User:
        return demo_professional(code, logins)

    signals_load(signals, author_of=author_of, report=report)
    sessions_load(signals, author_of=author_of, report=report)
