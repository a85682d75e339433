"""The fictional demo content (`demo_data`, then `demo_content` from ruggensteun.demo): counts,
the demo flag and its badge, development only, idempotent, texts without personal data, memo
examples untouched."""

import tomllib
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ruggensteun.accounts.models import User
from ruggensteun.audit.models import AuditEvent
from ruggensteun.demo.content import (
    PRACTICES_PATH,
    SIGNALS_PATH,
    DemoRefused,
    demo_content_load,
)
from ruggensteun.demo.signal_content import SESSION_MARK
from ruggensteun.practices.models import Adoption, Practice
from ruggensteun.practices.starter import load_practice_examples
from ruggensteun.practices.themes import theme_keys
from ruggensteun.practices.workflow import Status
from ruggensteun.signals.models import SenseMakingSession, Signal
from ruggensteun.signals.scrubber import scrub

pytestmark = [pytest.mark.issue(15)]
BADGE = "demo-inhoud, verzonnen"


def _toml(path: Any) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _load() -> str:
    """What `make demo` runs: the demo logins, then the demo content."""
    out = StringIO()
    call_command("demo_data", stdout=out)
    call_command("demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def development(settings: Any) -> None:
    settings.DEBUG = True
    settings.TWO_FACTOR_REQUIRED = False  # what DEBUG gives in settings.py


@pytest.mark.django_db
def test_demo_content_counts_states_and_flags(development: None) -> None:
    load_practice_examples()
    output = _load()
    assert "Demo-praktijken: 30 nieuw" in output and "Demo-signalen: 60 nieuw" in output
    practices = Practice.objects.filter(demo=True)
    assert practices.count() >= 30
    assert all(practice.slug.startswith("demo-") for practice in practices)
    assert {practice.status for practice in practices} == set(Status.values)
    assert {theme for practice in practices for theme in practice.themes} == set(theme_keys())
    adoptions = Adoption.objects.filter(practice__demo=True).select_related("practice")
    elsewhere = [
        adoption
        for adoption in adoptions
        if adoption.focus_area not in adoption.practice.focus_areas.all()
        and adoption.practice.status in {Status.PUBLISHED, Status.NEEDS_UPDATE}
    ]
    assert len(elsewhere) == adoptions.count() >= 10
    signals = Signal.objects.filter(demo=True).select_related("region")
    assert signals.count() >= 60
    assert len({signal.region.code[:6] for signal in signals}) == 8  # municipalities
    year_ago = timezone.now() - timedelta(days=365)
    assert all(year_ago < signal.created_at <= timezone.now() for signal in signals)
    assert len({signal.period for signal in signals}) >= 4
    # Every item is flagged: nothing else was added, and the narratives are stored as written.
    assert not Practice.objects.filter(demo=False, from_memo=False).exists()
    assert not Signal.objects.filter(demo=False).exists()
    written = {entry["narrative"] for entry in _toml(SIGNALS_PATH)["signals"]}
    assert {signal.narrative for signal in signals} == written
    sessions = SenseMakingSession.objects.all()
    assert sessions.count() == 3
    assert all(session.interpretation.startswith(SESSION_MARK) for session in sessions)
    statuses = {action.status for session in sessions for action in session.actions.all()}
    assert statuses == {"open", "bezig", "afgerond"}
    assert AuditEvent.objects.filter(action="signal.record").count() == 60


@pytest.mark.django_db
def test_the_memo_examples_stay_as_they_are_and_unflagged(development: None) -> None:
    load_practice_examples()
    before = {
        practice.slug: (practice.title, practice.status, practice.summary, practice.updated_at)
        for practice in Practice.objects.filter(from_memo=True)
    }
    assert len(before) >= 2
    _load()
    after = {
        practice.slug: (practice.title, practice.status, practice.summary, practice.updated_at)
        for practice in Practice.objects.filter(from_memo=True)
    }
    assert after == before
    assert not Practice.objects.filter(from_memo=True, demo=True).exists()


@pytest.mark.django_db
def test_loading_twice_adds_nothing(development: None) -> None:
    _load()
    counts = (
        Practice.objects.count(),
        Signal.objects.count(),
        Adoption.objects.count(),
        SenseMakingSession.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )
    output = _load()
    assert "Demo-praktijken: 0 nieuw, 30 al aanwezig" in output
    assert "Demo-signalen: 0 nieuw, 60 al aanwezig" in output
    assert (
        Practice.objects.count(),
        Signal.objects.count(),
        Adoption.objects.count(),
        SenseMakingSession.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_refused_in_production_settings(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen aangemaakt met DEBUG=1"):
        call_command("demo_data", stdout=StringIO())
    with pytest.raises(CommandError, match="alleen geladen met DEBUG=1, nooit in productie"):
        call_command("demo_content", stdout=StringIO())
    with pytest.raises(DemoRefused, match="alleen geladen met DEBUG=1, nooit in productie"):
        demo_content_load()
    assert not Practice.objects.filter(demo=True).exists()
    assert not Signal.objects.exists()
    assert not User.objects.exists()


def _texts() -> list[str]:
    practices = _toml(PRACTICES_PATH)
    signals = _toml(SIGNALS_PATH)
    texts = [practices["source"]]
    for entry in practices["practices"]:
        texts += [value for value in entry.values() if isinstance(value, str)]
        for adoption in entry.get("adoptions", []):
            texts += [value for value in adoption.values() if isinstance(value, str)]
    texts += [entry["narrative"] for entry in signals["signals"]]
    for session in signals["sessions"]:
        texts += [session["interpretation"], session["participants_note"]]
        texts += [action["description"] for action in session["actions"]]
    return texts


def test_the_scrubber_leaves_every_demo_text_unchanged() -> None:
    texts = _texts()
    assert len(texts) > 400
    for text in texts:
        result = scrub(text)
        assert result.clean, (text, result.findings)
        assert result.redacted == text


def test_no_two_demo_signals_share_their_key() -> None:
    signals = _toml(SIGNALS_PATH)["signals"]
    fields = ("wijk", "theme", "role", "intensity", "trend", "confidence")
    assert len({tuple(entry[name] for name in fields) for entry in signals}) == len(signals)


@pytest.mark.django_db
def test_the_badge_shows_on_lists_and_detail_pages(development: None) -> None:
    _load()
    client = Client()
    client.force_login(User.objects.get(email="programma@demo.ruggensteun.nl"))
    practice = Practice.objects.get(slug="demo-geldcafe-in-de-bibliotheek")
    search = client.get(reverse("practice-search"), {"q": "geldcafé"})
    assert practice.title in search.text and BADGE in search.text
    assert BADGE in client.get(reverse("practice-detail", args=[practice.slug])).text
    assert BADGE in client.get(reverse("practice-review")).text  # submitted and in review
    memo = Practice.objects.filter(from_memo=True).first()
    if memo is not None:
        assert BADGE not in client.get(reverse("practice-detail", args=[memo.slug])).text

    client.force_login(User.objects.get(email="professional@demo.ruggensteun.nl"))
    listing = client.get(reverse("signals-home"), {"gebied": "zaandam-oost"}).text
    assert "Signalen die u mag inzien" in listing and BADGE in listing
    signal = Signal.objects.filter(demo=True, region__code="WK047912").first()
    assert signal is not None
    assert BADGE in client.get(reverse("signal-detail", args=[signal.pk])).text


@pytest.mark.django_db
def test_the_content_command_needs_the_demo_logins_first(development: None) -> None:
    with pytest.raises(CommandError, match="maak ze eerst met `ruggensteun demo_data`"):
        call_command("demo_content", stdout=StringIO())
    assert not Practice.objects.filter(demo=True).exists()
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_the_content_command_prints_the_demo_professionals_logins(development: None) -> None:
    output = _load()
    assert "Demo-logins (wachtwoord voor allemaal: ruggensteun-demo)" in output
    for login in {author["login"] for author in _toml(SIGNALS_PATH)["authors"].values()}:
        assert f"{login}@demo.ruggensteun.nl" in output


def test_the_demo_content_sits_in_the_top_layer() -> None:
    """No import by name dodges the layer contract: the command lives in the demo app, which
    the contract places above practices and signals (tests/test_layers.py runs it)."""
    config = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    top = [layer for layer in contract["layers"] if "demo" in layer.split(" | ")]
    assert top and contract["layers"].index(top[0]) < contract["layers"].index("pages")
    source = (Path(__file__).parents[2] / "src/ruggensteun/accounts").rglob("*.py")
    assert not any("import_module" in path.read_text() for path in source)
