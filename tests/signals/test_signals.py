"""Signals: who records and reads them, need-to-know with audited reads, suppressed public
counts, retention, CSV import through the scrubber, and divergence from the figures."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.audit.models import AuditEvent
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.services import import_execute
from ruggensteun.permissions import may
from ruggensteun.signals.importers import SignalImporter
from ruggensteun.signals.models import Signal
from ruggensteun.signals.selectors import area_signals, domain_signals, public_aggregates
from ruggensteun.signals.services import (
    SignalInput,
    SignalRefused,
    retention_apply,
    session_record,
    signal_read,
    signal_record,
)
from tests.accounts.factories import user_with_role, verified_login

pytestmark = pytest.mark.django_db

CLEAN_TEXT = "Sinds de zomer meer jongeren die 's avonds rondhangen bij het winkelcentrum."


def region(code: str) -> Region:
    return Region.objects.get(vintage=2020, code=code)


def record(
    actor: User, code: str = "WK047912", theme: str = "jongeren", **changes: object
) -> Signal:
    values: dict[str, object] = {
        "region": region(code),
        "theme": theme,
        "period": "2021-K1",
        "professional_role": "jongerenwerk",
        "intensity": 3,
        "trend": "meer",
        "confidence": "midden",
        "narrative": CLEAN_TEXT,
        **changes,
    }
    return signal_record(actor=actor, data=SignalInput(**values))  # type: ignore[arg-type]


@pytest.fixture
def poelenburg() -> User:
    return user_with_role(Role.PROFESSIONAL, "WK047912")


@pytest.fixture
def moerwijk() -> User:
    return user_with_role(Role.PROFESSIONAL, "WK051836")


def test_a_professional_records_only_in_the_own_area(poelenburg: User) -> None:
    signal = record(poelenburg)
    assert signal.author == poelenburg and signal.sensitivity == "normaal"
    assert AuditEvent.objects.filter(action="signal.record", object_id=str(signal.pk)).exists()
    # A buurt inside the wijk is in scope; a wijk elsewhere is not.
    assert record(poelenburg, code="BU04791210").region.code == "BU04791210"
    with pytest.raises(SignalRefused, match="eigen wijk"):
        record(poelenburg, code="WK051836")
    analyst = user_with_role(Role.ANALIST, "GM0479")
    with pytest.raises(SignalRefused):
        record(analyst)


def test_a_professional_of_area_a_cannot_see_the_signals_of_b(
    client: Client, poelenburg: User, moerwijk: User
) -> None:
    theirs = record(moerwijk, code="WK051836")
    mine = record(poelenburg)
    assert not may(poelenburg, "signals.view", theirs)
    assert may(poelenburg, "signals.view", mine)
    client.force_login(poelenburg)
    assert client.get(reverse("signal-detail", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("signals-home")).content.decode()
    assert reverse("signal-detail", args=[mine.pk]) in listing
    assert reverse("signal-detail", args=[theirs.pk]) not in listing
    # The analyst of Zaanstad reads Poelenburg's signal, not Moerwijk's.
    analyst = user_with_role(Role.ANALIST, "GM0479")
    assert may(analyst, "signals.view", mine) and not may(analyst, "signals.view", theirs)


def test_only_need_to_know_roles_read_ondermijning_and_every_read_is_audited(
    client: Client, poelenburg: User
) -> None:
    signal = record(poelenburg, theme="ondermijning", narrative="Panden die steeds wisselen.")
    assert signal.is_sensitive
    colleague = user_with_role(Role.PROFESSIONAL, "WK047912")
    programme = user_with_role(Role.PROGRAMMATEAM)
    admin = user_with_role(Role.BEHEERDER)
    for outsider in (colleague, programme, admin, user_with_role(Role.ONDERMIJNING, "GM0518")):
        assert not may(outsider, "signals.view", signal)
        with pytest.raises(PermissionDenied):
            signal_read(outsider, signal)
    need_to_know = user_with_role(Role.ONDERMIJNING, "GM0479")
    reads = AuditEvent.objects.filter(action="signal.read_sensitive", object_id=str(signal.pk))
    assert reads.count() == 0
    verified_login(client, need_to_know)  # need-to-know roles log in with a second factor
    page = client.get(reverse("signal-detail", args=[signal.pk]))
    assert page.status_code == 200 and "Panden die steeds wisselen." in page.content.decode()
    client.get(reverse("signal-detail", args=[signal.pk]))
    assert reads.count() == 2
    assert set(reads.values_list("actor_id", flat=True)) == {need_to_know.pk}
    # Listing it counts as a read too; the colleague's list does not show it at all.
    client.get(reverse("signals-home"))
    assert reads.count() == 3
    client.force_login(colleague)
    assert "Panden" not in client.get(reverse("signals-home")).content.decode()


def test_a_theme_with_four_signals_in_a_period_shows_no_public_count(
    client: Client, poelenburg: User
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    for _ in range(4):
        record(poelenburg, theme="eenzaamheid", period="2021-K2", intensity=4)
    for _ in range(5):
        record(poelenburg, theme="psychisch", period="2021-K2", intensity=2)
    by_theme = {a.theme.key: a for a in public_aggregates(area, by_period=True)}
    assert "eenzaamheid" not in by_theme  # a hidden quarter is left out, as an empty one is
    totals = {a.theme.key: a for a in public_aggregates(area)}
    assert totals["eenzaamheid"].suppressed and totals["eenzaamheid"].count is None
    assert totals["eenzaamheid"].mean_intensity is None and totals["eenzaamheid"].more is None
    assert by_theme["psychisch"].count == 5 and by_theme["psychisch"].mean_intensity == 2
    page = client.get(reverse("signals-home"), {"gebied": "zaandam-oost"}).content.decode()
    assert '2021-K2</td><td class="rs-num">5</td>' in page
    dashboard = client.get(reverse("focus-area-detail", args=["zaandam-oost"])).content.decode()
    health = dashboard.split('id="signalen-gezondheid"', 1)[1].split("</aside>", 1)[0]
    assert '<strong>Eenzaamheid en isolement</strong>: <span class="rs-muted">–</span>' in health
    assert "5 signalen" in health and "4 signalen" not in dashboard


def test_personal_data_is_refused_or_saved_only_as_the_confirmed_redaction(
    poelenburg: User,
) -> None:
    text = "Moeder belt steeds, haar nummer is 06-12345678, over de overlast."
    with pytest.raises(SignalRefused) as refused:
        record(poelenburg, narrative=text)
    assert "telefoonnummer" in refused.value.message and "06-12345678" not in refused.value.message
    assert not Signal.objects.exists()
    proposal = refused.value.scrubbed
    assert proposal is not None and "06-12345678" not in proposal.redacted
    data = SignalInput(
        region=region("WK047912"),
        theme="jongeren",
        period="2021-K1",
        professional_role="jongerenwerk",
        intensity=3,
        trend="meer",
        confidence="midden",
        narrative=text,
    )
    with pytest.raises(SignalRefused):  # a "redaction" other than the proposal is refused
        signal_record(actor=poelenburg, data=data, accept_redacted=text)
    signal = signal_record(actor=poelenburg, data=data, accept_redacted=proposal.redacted)
    assert signal.narrative == proposal.redacted.strip()


def test_confirmed_redaction_is_stored(poelenburg: User) -> None:
    from ruggensteun.signals.scrubber import scrub

    text = "Mevrouw Bakker van de Dorpsstraat 12 vertelt over spanning achter de voordeur."
    redacted = scrub(text).redacted
    signal = signal_record(
        actor=poelenburg,
        data=SignalInput(
            region=region("WK047912"),
            theme="achter_de_voordeur",
            period="2021-K1",
            professional_role="wijkteam",
            intensity=4,
            trend="meer",
            confidence="hoog",
            narrative=text,
        ),
        accept_redacted=redacted,
    )
    assert signal.narrative == redacted and signal.redacted
    assert "Bakker" not in signal.narrative and "Dorpsstraat 12" not in signal.narrative


def test_retention_deletes_narratives_after_the_term_and_keeps_counts(poelenburg: User) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    old = record(poelenburg, theme="ondermijning")  # 365 days
    recent = record(poelenburg, theme="jongeren")  # 730 days
    Signal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    Signal.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert retention_apply(dry_run=True) == {"ondermijning": 1}
    assert Signal.objects.get(pk=old.pk).narrative  # a dry run changes nothing
    assert retention_apply() == {"ondermijning": 1}
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.narrative == "" and old.author is None and old.narrative_removed_at is not None
    assert recent.narrative == CLEAN_TEXT and recent.author == poelenburg
    assert area_signals(area).filter(theme="ondermijning").count() == 1  # the count stays
    assert AuditEvent.objects.filter(action="signal.retention").count() == 1
    assert retention_apply() == {}  # nothing left to do


def test_csv_import_goes_through_the_scrubber_and_is_all_or_nothing(
    tmp_path: Path, poelenburg: User
) -> None:
    header = "wijkcode;thema;periode;rol;intensiteit;ontwikkeling;zekerheid;toelichting\n"
    good = tmp_path / "signalen.csv"
    good.write_text(
        header
        + "WK047912;eenzaamheid;2021-K1;wijkteam;3;meer;midden;Ouderen spreken niemand meer.\n"
        + "BU04791210;geldzorgen;2021-K2;opbouwwerk;4;meer;hoog;Meer vragen bij de voedselbank.\n",
        encoding="utf-8",
    )
    outcome = import_execute(
        source="signalen-csv", paths=[good], actor=poelenburg, importer=SignalImporter(poelenburg)
    )
    assert outcome.run.rows_accepted == 2
    assert set(Signal.objects.values_list("origin", flat=True)) == {"import"}
    bad = tmp_path / "fout.csv"
    bad.write_text(
        header
        + "WK047912;eenzaamheid;2021-K1;wijkteam;3;meer;midden;Bel mij op 020-1234567.\n"
        + "WK051836;eenzaamheid;2021-K1;wijkteam;3;meer;midden;Ander gebied.\n"
        + "WK047912;onbekend;2021-K5;wijkteam;9;meer;midden;Fout.\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as rejected:
        import_execute(
            source="signalen-csv",
            paths=[bad],
            actor=poelenburg,
            importer=SignalImporter(poelenburg),
        )
    report = rejected.value.report()
    assert "regel 2, kolom 'toelichting'" in report and "telefoonnummer" in report
    assert "020-1234567" not in report
    assert "regel 3, kolom 'wijkcode': WK051836 hoort niet bij uw gebied." in report
    assert "kolom 'thema'" in report and "kolom 'periode'" in report
    assert "kolom 'intensiteit'" in report
    assert Signal.objects.count() == 2  # nothing of the bad file


def test_divergence_when_signals_rise_while_the_figures_improve(poelenburg: User) -> None:
    """Making ends meet (GGD) fell from 2016 to 2020 in all five wijken of Zaandam Oost
    (e.g. Poelenburg 35,6% → 30,2%), so rising money worries diverge from the figures."""
    area = FocusArea.objects.get(slug="zaandam-oost")
    block = domain_signals(area, area_signals(area), "werk_inkomen")
    assert block.figures == "verbeterd" and block.divergence == ""
    for trend in ["meer", "meer", "meer", "meer", "gelijk"]:
        record(poelenburg, theme="geldzorgen", trend=trend)
    block = domain_signals(area, area_signals(area), "werk_inkomen")
    assert block.aggregates[0].direction == "meer"
    assert "Professionals signaleren meer geldzorgen en armoede" in block.divergence
    assert "0 van 5 veranderingen ongunstig, 5 gunstig" in block.divergence
    # Signals that agree with the figures raise no flag.
    Signal.objects.update(trend="minder")
    assert domain_signals(area, area_signals(area), "werk_inkomen").divergence == ""


def test_a_sense_making_session_with_actions(poelenburg: User) -> None:
    from ruggensteun.accounts.models import Organisation

    area = FocusArea.objects.get(slug="zaandam-oost")
    signal = record(poelenburg)
    organisation = Organisation.objects.create(name="Wijkteam Poelenburg", type="welzijn")
    session = session_record(
        actor=poelenburg,
        area=area,
        date=timezone.localdate(),
        interpretation="Overlast van jongeren hangt samen met het sluiten van het buurthuis.",
        organisations=[organisation],
        signals=[signal],
        indicators=["ggd_eenzaam"],
        actions=[
            {"description": "Buurthuis 's avonds open", "owner": "Wijkteam", "status": "open"}
        ],
    )
    assert list(session.signals.all()) == [signal] and session.actions.count() == 1
    assert AuditEvent.objects.filter(action="signal.session_record").exists()
    with pytest.raises(SignalRefused, match="e-mailadres"):
        session_record(
            actor=poelenburg,
            area=area,
            date=timezone.localdate(),
            interpretation="Mail j.jansen@example.nl voor de afspraken.",
            organisations=[],
        )
    with pytest.raises(SignalRefused):
        session_record(
            actor=user_with_role(Role.PROFESSIONAL, "WK051836"),
            area=area,
            date=timezone.localdate(),
            interpretation="Elders.",
            organisations=[],
        )


def test_the_retention_command_reports_per_theme(poelenburg: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    signal = record(poelenburg, theme="achter_de_voordeur")
    Signal.objects.filter(pk=signal.pk).update(created_at=timezone.now() - timedelta(days=366))
    out = StringIO()
    call_command("signals_retention", "--dry-run", stdout=out)
    assert "spanning achter de voordeur (termijn 365 dagen): 1 zou verwijderen" in out.getvalue()
    call_command("signals_retention", stdout=out)
    assert Signal.objects.get(pk=signal.pk).narrative == ""
