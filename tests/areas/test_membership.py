"""The programme team corrects an area's member wijken in the UI (issue 15, item 1): with a
reason and confidence, in one transaction with the decision history, the audit event, the
areas version and a recompute of the monitor."""

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import (
    Confidence,
    FocusArea,
    FocusAreaMember,
    MatchMethod,
    MembershipDecision,
    Region,
)
from ruggensteun.areas.selectors import areas_version, curation_decisions, membership_history
from ruggensteun.areas.services import (
    CORRECTION_SOURCE,
    FocusAreaError,
    focus_area_membership_correct,
)
from ruggensteun.audit.models import AuditEvent
from ruggensteun.imports.services import import_execute
from ruggensteun.monitor.models import ComparisonResult, Observation, ResultSet
from tests.accounts.factories import user_with_role, verified_login

pytestmark = [pytest.mark.django_db, pytest.mark.issue(15)]

REASON = "Poelenburg hoort volgens de gemeente Zaanstad niet meer bij het programma (test)."
# A Heerlen wijk inside Heerlen Noord (Hoensbroek's wijken are 10 to 14).
HOENSBROEK_WIJK_14 = "WK091714"


@pytest.fixture
def team() -> User:
    return user_with_role(Role.PROGRAMMATEAM, email="programmateam@example.org")


@pytest.fixture
def team_client(team: User) -> Client:
    client = Client()
    verified_login(client, team)
    return client


@pytest.fixture
def outside() -> str:
    """The first wijk of Zaanstad that is not in Zaandam Oost."""
    area = FocusArea.objects.get(slug="zaandam-oost")
    return (
        Region.objects.filter(vintage=2020, level="wijk", parent=area.municipality)
        .exclude(code__in=_codes(area))
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    ) or ""


def _codes(area: FocusArea) -> list[str]:
    return sorted(area.members.values_list("region__code", flat=True))


def _url(slug: str = "zaandam-oost") -> str:
    return reverse("focus-area-membership", kwargs={"slug": slug})


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.BEHEERDER, ""),
        (Role.ANALIST, "GM0479"),
        (Role.PROFESSIONAL, "WK047912"),
        (Role.COALITIELID, "WK047912"),
        (Role.FINANCIEN, ""),
    ],
)
def test_only_the_programme_team_may_open_or_post_the_page(
    role: str, scope: str, outside: str
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    before = _codes(area)
    client = Client()
    verified_login(client, user_with_role(role, scope))
    assert client.get(_url()).status_code == 403
    posted = client.post(
        _url(), {"codes": [outside], "reason": REASON, "confidence": Confidence.HIGH}
    )
    assert posted.status_code == 403
    assert _codes(area) == before


def test_anonymous_visitors_are_sent_to_the_login_page() -> None:
    response = Client().get(_url())
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"] or "login" in response["Location"]


def test_the_service_refuses_other_roles_too(outside: str) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    analyst = user_with_role(Role.ANALIST, "GM0479")
    with pytest.raises(FocusAreaError, match="Alleen het programmateam"):
        focus_area_membership_correct(
            actor=analyst, area=area, codes=[outside], reason=REASON, confidence="high"
        )


def test_the_page_offers_the_municipality_s_2020_wijken_with_the_members_ticked(
    team_client: Client, outside: str
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    html = team_client.get(_url()).content.decode()
    wijken = Region.objects.filter(vintage=2020, level="wijk", parent=area.municipality)
    assert html.count('name="codes"') == wijken.count()
    for code in _codes(area):
        assert f'value="{code}" checked' in html
    assert f'value="{outside}">' in html  # not a member: not ticked
    assert "WK036392" not in html  # Amsterdam's wijken are not offered


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("WK036392", "ligt niet in Zaanstad"),  # an Amsterdam wijk
        ("WK047999", "WK047999 is geen CBS-wijk in de indeling 2020"),  # no such wijk
        ("BU04791201", "BU04791201 is geen CBS-wijk in de indeling 2020"),  # a buurt, not a wijk
    ],
)
def test_a_code_outside_the_municipality_or_unknown_is_refused_and_nothing_changes(
    team_client: Client, code: str, message: str
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    before, version, events = _codes(area), areas_version(), AuditEvent.objects.count()
    decisions = MembershipDecision.objects.count()
    response = team_client.post(
        _url(), {"codes": [*before, code], "reason": REASON, "confidence": Confidence.HIGH}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _codes(area) == before
    assert areas_version() == version
    assert AuditEvent.objects.count() == events
    assert MembershipDecision.objects.count() == decisions


@pytest.mark.parametrize("reason", ["", "   ", "te kort"])
def test_an_empty_or_short_reason_is_refused_and_nothing_changes(
    team_client: Client, team: User, reason: str, outside: str
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    before, version = _codes(area), areas_version()
    response = team_client.post(
        _url(), {"codes": [*before, outside], "reason": reason, "confidence": "high"}
    )
    assert response.status_code == 200
    assert "Geef de reden van de aanpassing, in ten minste 20 tekens" in response.content.decode()
    assert _codes(area) == before and areas_version() == version
    with pytest.raises(FocusAreaError, match="ten minste 20 tekens"):
        focus_area_membership_correct(
            actor=team, area=area, codes=[outside], reason=reason, confidence="high"
        )


def test_no_wijk_an_unknown_confidence_or_no_change_are_refused(team: User, outside: str) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    before = _codes(area)
    cases = [
        ([], "high", "Kies ten minste één wijk"),
        ([outside], "zeker", "Kies hoe zeker"),
        (before, "high", "er verandert niets"),
    ]
    for codes, confidence, message in cases:
        with pytest.raises(FocusAreaError, match=message):
            focus_area_membership_correct(
                actor=team, area=area, codes=codes, reason=REASON, confidence=confidence
            )
    assert _codes(area) == before
    assert not MembershipDecision.objects.filter(focus_area=area).exists()


def test_a_correction_changes_members_history_audit_version_and_the_monitor(
    team_client: Client, team: User
) -> None:
    """Heerlen Noord: wijk 14 out, nothing in; the two shipped decisions (Hoensbroek and
    Heerlerheide) stay as history, superseded by the correction; the area's counts follow."""
    area = FocusArea.objects.get(slug="heerlen-noord")
    before = _codes(area)
    assert HOENSBROEK_WIJK_14 in before and len(before) == 10
    version = areas_version()
    results_before = ResultSet.objects.get()
    shipped = set(
        MembershipDecision.objects.filter(focus_area=area).values_list("listed_name", flat=True)
    )
    assert shipped == {"Hoensbroek", "Heerlerheide"}
    after = [code for code in before if code != HOENSBROEK_WIJK_14]

    response = team_client.post(
        _url("heerlen-noord"), {"codes": after, "reason": REASON, "confidence": "medium"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/gebieden/heerlen-noord/"
    assert _codes(area) == after
    # The new decision, and the shipped ones superseded by it (kept, with when and by what).
    correction = MembershipDecision.objects.get(focus_area=area, superseded_at__isnull=True)
    assert (correction.listed_name, correction.source) == ("", CORRECTION_SOURCE)
    assert (correction.codes, correction.codes_before) == (after, before)
    assert (correction.reason, correction.confidence) == (REASON, "medium")
    assert correction.decided_by == team
    old = MembershipDecision.objects.filter(focus_area=area).exclude(pk=correction.pk)
    assert {d.listed_name for d in old} == shipped
    assert all(d.superseded_by == correction and d.superseded_at for d in old)
    # The members the shipped decisions brought in still say so; wijk 14 is gone.
    assert not FocusAreaMember.objects.filter(
        focus_area=area, region__code=HOENSBROEK_WIJK_14
    ).exists()
    # The audit event, with the codes before and after and the reason.
    event = AuditEvent.objects.filter(action="focus_area.membership_correct").get()
    assert event.actor == team and event.area_code == "GM0917"
    assert event.object_id == str(area.pk)
    assert event.before == {"members": before}
    assert event.after is not None
    assert event.after["members"] == after
    assert event.after["removed"] == [HOENSBROEK_WIJK_14] and event.after["added"] == []
    assert event.after["reason"] == REASON
    assert sorted(event.after["superseded"]) == sorted(d.pk for d in old)
    # Versions: the areas' for caches and reports, and a new result set of the monitor.
    assert areas_version() != version
    results_after = ResultSet.objects.get()
    assert results_after.pk != results_before.pk
    print(f"recompute after the correction: {results_after.seconds:.1f} s")
    _assert_area_counts_follow_the_members(area, results_after, after)
    # The selectors: the correction holds now and carries the history.
    [current] = curation_decisions(area)
    assert current.is_correction and current.removed == [(HOENSBROEK_WIJK_14, _name(14))]
    assert {d.listed_name for d in current.history} == shipped
    assert {d.superseded_by for d in membership_history(area)} == {team.email}
    # The public API says the shipped decisions no longer hold, and when that changed.
    api = team_client.get("/api/v1/focus-areas/heerlen-noord/").json()
    decisions = {item["listed_name"]: item["decision"] for item in api["unmatched_names"]}
    assert {name: d["current"] for name, d in decisions.items()} == dict.fromkeys(shipped, False)
    assert all(d["superseded_at"] for d in decisions.values())
    _assert_a_rerun_of_the_import_keeps_the_correction(area, after)


def _assert_a_rerun_of_the_import_keeps_the_correction(area: FocusArea, after: list[str]) -> None:
    """Manual corrections win (ADR 0013): the import skips the area and says so in its run."""
    decisions = list(MembershipDecision.objects.filter(focus_area=area).values())
    outcome = import_execute(source="focusgebieden", force=True)
    assert _codes(area) == after
    assert list(MembershipDecision.objects.filter(focus_area=area).values()) == decisions
    [note] = [m for m in outcome.run.messages if m.startswith("Heerlen Noord:")]
    assert "samenstelling overgeslagen" in note and "programmateam" in note
    # Areas without a correction are matched and curated as before.
    assert len(_codes(FocusArea.objects.get(slug="zaandam-oost"))) == 5
    assert MembershipDecision.objects.filter(focus_area__slug="arnhem-oost").count() == 2


def _name(wijk: int) -> str:
    return Region.objects.get(vintage=2020, code=f"WK0917{wijk}").name


def _assert_area_counts_follow_the_members(
    area: FocusArea, result_set: ResultSet, members: list[str]
) -> None:
    """Every counted figure of the area in the new results is the sum of its members' counts:
    the removed wijk no longer counts."""
    rows = ComparisonResult.objects.filter(result_set=result_set, focus_area=area)
    counted = [row for row in rows if row.data.get("area_num") is not None]
    assert counted, "Heerlen Noord has counted figures (CBS wijk tables)"
    for row in counted[:20]:
        numerators = Observation.objects.filter(
            region__vintage=2020,
            region__code__in=members,
            indicator=row.indicator,
            period=row.period,
        ).values_list("numerator", flat=True)
        assert row.data["area_num"] == pytest.approx(sum(n or 0 for n in numerators))


def test_the_area_page_lists_the_new_wijk_and_the_history_with_the_reason_escaped(
    team_client: Client, team: User, outside: str
) -> None:
    hostile = '<script>alert("x")</script> Deze wijk hoort er volgens de gemeente ook bij.'
    area = FocusArea.objects.get(slug="zaandam-oost")
    correction = focus_area_membership_correct(
        actor=team,
        area=area,
        codes=[*_codes(area), outside],
        reason=hostile,
        confidence="low",
    )
    assert correction.added == [outside] and correction.removed == []
    added = FocusAreaMember.objects.get(focus_area=area, region__code=outside)
    assert (added.match_method, added.decision) == (MatchMethod.MANUAL, correction.decision)
    for client in (Client(), team_client):
        html = client.get("/gebieden/zaandam-oost/").content.decode()
        assert f"<code>{outside}</code>" in html  # in the members' table
        assert "handmatig vastgesteld" in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert '<script>alert("x")' not in html
        assert "correctie door het programmateam" in html
    # Only the programme team sees the link to the correction page, and who decided.
    assert _url() not in Client().get("/gebieden/zaandam-oost/").content.decode()
    assert _url() in team_client.get("/gebieden/zaandam-oost/").content.decode()
    page = team_client.get(_url()).content.decode()
    assert team.email in page and "&lt;script&gt;" in page and "geldt nu" in page

    # A second correction (back to the five) supersedes the first; both stay.
    original = [code for code in _codes(area) if code != outside]
    second = focus_area_membership_correct(
        actor=team, area=area, codes=original, reason=REASON, confidence="high"
    )
    assert _codes(area) == original
    correction.decision.refresh_from_db()
    assert correction.decision.superseded_by == second.decision
    assert second.superseded == [correction.decision.pk]
    assert [d.superseded_at is None for d in curation_decisions(area)] == [True]
    assert [d.added for d in membership_history(area)] == [[(outside, _name_of(outside))]]
    html = Client().get("/gebieden/zaandam-oost/").content.decode()
    assert "Eerder besluit, vervangen door een aanpassing (1)" in html


def _name_of(code: str) -> str:
    return Region.objects.get(vintage=2020, code=code).name
