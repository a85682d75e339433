"""Seed-money permission rules per role and state, with stand-ins for applications, review
assignments and instalments (the rules read plain attributes only); each refusal in Dutch."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from ruggensteun.accounts.models import Role, User
from ruggensteun.accounts.services import role_assign
from ruggensteun.permissions import AnyUser, may
from ruggensteun.seedfund.rules import reviewer_content_decision
from ruggensteun.seedfund.states import ApplicationState, AssignmentState, InstalmentState
from tests.accounts.factories import UserFactory, user_with_role
from tests.practices.factories import MOERWIJK, POELENBURG, focus_area

pytestmark = [pytest.mark.issue(16), pytest.mark.django_db]

ZAANSTAD = "GM0479"
ROLES = {
    "programmateam": (Role.PROGRAMMATEAM, ""),
    "coalitielid": (Role.COALITIELID, POELENBURG),
    "beoordelaar": (Role.BEOORDELAAR, ZAANSTAD),
    "financien": (Role.FINANCIEN, ""),
    "beheerder": (Role.BEHEERDER, ""),
    "professional": (Role.PROFESSIONAL, POELENBURG),
}


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    with translation.override("nl"):
        yield


def _user(kind: str) -> AnyUser:
    if kind == "anonymous":
        return AnonymousUser()
    role, scope = ROLES[kind]
    return user_with_role(role, scope)


def _application(applicant: AnyUser | None, state: str) -> SimpleNamespace:
    return SimpleNamespace(applicant_id=getattr(applicant, "pk", None), state=state)


def _assignment(reviewer: AnyUser, state: str) -> SimpleNamespace:
    return SimpleNamespace(reviewer_id=reviewer.pk, state=state)


def _instalment(state: str, programme_approver: User | None = None) -> SimpleNamespace:
    approver_id = programme_approver.pk if programme_approver else None
    return SimpleNamespace(state=state, programme_approved_by_id=approver_id)


PROGRAMME_ACTIONS = [
    "seedfund.manage_fund",
    "seedfund.manage_call",
    "seedfund.assign_reviewers",
    "seedfund.check_eligibility",
    "seedfund.decide",
]


@pytest.mark.parametrize("kind", [*ROLES, "anonymous"])
def test_only_the_programme_team_makes_funds_and_calls_and_decides(kind: str) -> None:
    user = _user(kind)
    for action in PROGRAMME_ACTIONS:
        decision = may(user, action)
        assert bool(decision) is (kind == "programmateam"), action
        if kind == "anonymous":
            assert decision.reason == "Log in om dit te doen."
        elif kind != "programmateam":
            assert decision.reason == "Alleen het programmateam doet dit."


def test_a_superuser_may_all_through_may() -> None:
    superuser = UserFactory(is_superuser=True)
    assert all(may(superuser, action) for action in PROGRAMME_ACTIONS)


@pytest.mark.parametrize(
    ("kind", "area", "allowed", "reason"),
    [
        ("coalitielid", None, True, ""),
        ("coalitielid", POELENBURG, True, ""),
        (
            "coalitielid",
            MOERWIJK,
            False,
            "Dit gebied valt buiten het gebied van uw rol als coalitielid.",
        ),
        (
            "coalitielid",
            ZAANSTAD,
            False,
            "Dit gebied valt buiten het gebied van uw rol als coalitielid.",
        ),  # a wijk scope does not cover the whole gemeente
        ("programmateam", POELENBURG, False, "Alleen coalitieleden vragen startgeld aan."),
        ("beoordelaar", POELENBURG, False, "Alleen coalitieleden vragen startgeld aan."),
        ("professional", POELENBURG, False, "Alleen coalitieleden vragen startgeld aan."),
        ("anonymous", POELENBURG, False, "Log in om dit te doen."),
    ],
)
def test_who_applies_where(kind: str, area: str | None, allowed: bool, reason: str) -> None:
    decision = may(_user(kind), "seedfund.apply", area)
    assert (bool(decision), decision.reason) == (allowed, reason)


def test_a_coalitielid_applies_for_the_focus_area_holding_their_wijk() -> None:
    member = _user("coalitielid")
    assert may(member, "seedfund.apply", focus_area("zaandam-oost"))  # Poelenburg is a member
    assert not may(member, "seedfund.apply", focus_area("den-haag-zuidwest"))


@pytest.mark.parametrize("state", ApplicationState.values)
def test_the_applicant_edits_only_drafts_and_answers(state: str) -> None:
    applicant, other = _user("coalitielid"), _user("coalitielid")
    application = _application(applicant, state)
    decision = may(applicant, "seedfund.edit_application", application)
    assert bool(decision) is (state in {"draft", "more_info_needed"})
    if not decision:
        label = ApplicationState(state).label
        assert decision.reason == f"Deze aanvraag kan nu niet worden gewijzigd (status: {label})."
    refused = may(other, "seedfund.edit_application", application)
    assert (bool(refused), refused.reason) == (False, "Dit is niet uw aanvraag.")
    assert not may(_user("programmateam"), "seedfund.edit_application", application)


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("applicant", True),
        ("programmateam", True),
        ("coalitielid", False),
        ("beoordelaar", False),  # reviewers go through their assignment, never this rule
        ("financien", False),
        ("beheerder", False),
        ("anonymous", False),
    ],
)
def test_who_sees_an_application(kind: str, allowed: bool) -> None:
    applicant = _user("coalitielid")
    user = applicant if kind == "applicant" else _user(kind)
    application = _application(applicant, ApplicationState.IN_REVIEW)
    assert bool(may(user, "seedfund.view_application", application)) is allowed


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [(kind, kind in {"beoordelaar", "programmateam"}) for kind in [*ROLES, "anonymous"]],
)
def test_who_has_a_review_queue(kind: str, allowed: bool) -> None:
    assert bool(may(_user(kind), "seedfund.review_queue")) is allowed


# The conflict-of-interest gate, per assignment state: (content visible, reason when not).
GATE = {
    AssignmentState.ASSIGNED: (
        False,
        "Verklaar eerst of u een belang heeft bij deze aanvraag; daarna ziet u de inhoud.",
    ),
    AssignmentState.NO_CONFLICT: (True, ""),
    AssignmentState.REVIEWED: (True, ""),
    AssignmentState.CONFLICT: (
        False,
        "U heeft een belang gemeld en beoordeelt deze aanvraag niet.",
    ),
    AssignmentState.REVOKED: (False, "Uw toewijzing voor deze aanvraag is ingetrokken."),
}


@pytest.mark.parametrize("state", AssignmentState.values)
def test_the_conflict_of_interest_gate(state: str) -> None:
    assert set(GATE) == set(AssignmentState.values)
    reviewer = _user("beoordelaar")
    assignment = _assignment(reviewer, state)
    decision = reviewer_content_decision(reviewer, assignment)
    assert (bool(decision), decision.reason) == GATE[AssignmentState(state)]
    assert may(reviewer, "seedfund.view_review_content", assignment) == decision
    # Nobody else sees content through the assignment: another beoordelaar, the programmateam.
    for other in (_user("beoordelaar"), _user("programmateam")):
        refused = reviewer_content_decision(other, assignment)
        assert (bool(refused), refused.reason) == (
            False,
            "U bent niet als beoordelaar aan deze aanvraag toegewezen.",
        )
    assert not reviewer_content_decision(AnonymousUser(), assignment)


def test_the_gate_holds_for_a_superuser_who_is_the_reviewer() -> None:
    superuser = UserFactory(is_superuser=True)
    assignment = _assignment(superuser, AssignmentState.ASSIGNED)
    assert may(superuser, "seedfund.view_review_content", assignment)  # `may` lets them by
    assert not reviewer_content_decision(superuser, assignment)  # the gate does not


def test_an_inactive_reviewer_sees_nothing() -> None:
    reviewer = _user("beoordelaar")
    reviewer.is_active = False
    assert not reviewer_content_decision(reviewer, _assignment(reviewer, "no_conflict"))


@pytest.mark.parametrize(
    ("state", "declare", "score", "others"),
    [
        ("assigned", True, False, False),
        ("no_conflict", True, True, False),  # a conflict found while reading can be declared
        ("reviewed", False, False, True),
        ("conflict", False, False, False),
        ("revoked", False, False, False),
    ],
)
def test_declare_score_and_see_others_per_state(
    state: str, declare: bool, score: bool, others: bool
) -> None:
    reviewer = _user("beoordelaar")
    assignment = _assignment(reviewer, state)
    assert bool(may(reviewer, "seedfund.declare_interest", assignment)) is declare
    assert bool(may(reviewer, "seedfund.score", assignment)) is score
    assert bool(may(reviewer, "seedfund.see_other_scores", assignment)) is others
    stranger = _user("beoordelaar")
    for action in ("declare_interest", "score", "see_other_scores"):
        assert not may(stranger, f"seedfund.{action}", assignment)


def test_reviewer_refusals_say_why() -> None:
    reviewer = _user("beoordelaar")
    reasons = {
        (action, state): may(reviewer, f"seedfund.{action}", _assignment(reviewer, state)).reason
        for action, state in [
            ("declare_interest", "reviewed"),
            ("declare_interest", "revoked"),
            ("score", "reviewed"),
            ("score", "assigned"),
            ("see_other_scores", "no_conflict"),
        ]
    }
    assert reasons == {
        ("declare_interest", "reviewed"): "U heeft uw verklaring voor deze aanvraag al gegeven.",
        ("declare_interest", "revoked"): "Uw toewijzing voor deze aanvraag is ingetrokken.",
        ("score", "reviewed"): "U heeft uw beoordeling van deze aanvraag al ingediend.",
        ("score", "assigned"): (
            "Verklaar eerst of u een belang heeft bij deze aanvraag; daarna ziet u de inhoud."
        ),
        ("see_other_scores", "no_conflict"): (
            "U ziet de scores van anderen pas als u uw eigen beoordeling indiende."
        ),
    }


def test_instalment_approvals_programme_then_finance_by_two_people() -> None:
    programme, finance = _user("programmateam"), _user("financien")
    planned = _instalment(InstalmentState.PLANNED)
    assert may(programme, "seedfund.approve_instalment", planned)
    assert may(finance, "seedfund.approve_instalment", planned).reason == (
        "Het programmateam keurt een termijn als eerste goed."
    )
    first = _instalment(InstalmentState.APPROVED_PROGRAMME, programme)
    assert may(finance, "seedfund.approve_instalment", first)
    assert may(programme, "seedfund.approve_instalment", first).reason == (
        "Financiën geeft de tweede goedkeuring van een termijn."
    )
    # No first approver on record: refused (fail closed).
    unknown = _instalment(InstalmentState.APPROVED_PROGRAMME)
    assert not may(finance, "seedfund.approve_instalment", unknown)


def test_one_person_holding_both_roles_cannot_approve_twice() -> None:
    both = _user("programmateam")
    role_assign(actor=None, user=both, role=Role.FINANCIEN, area_code="")
    both.refresh_from_db()
    assert may(both, "seedfund.approve_instalment", _instalment(InstalmentState.PLANNED))
    decision = may(
        both, "seedfund.approve_instalment", _instalment(InstalmentState.APPROVED_PROGRAMME, both)
    )
    assert (bool(decision), decision.reason) == (
        False,
        "U gaf de eerste goedkeuring al; de tweede moet iemand anders geven (vier ogen).",
    )
    other_programme = _user("programmateam")
    second = _instalment(InstalmentState.APPROVED_PROGRAMME, other_programme)
    assert may(both, "seedfund.approve_instalment", second)


@pytest.mark.parametrize("state", ["approved_finance", "paid", "held", "lapsed"])
def test_instalments_not_awaiting_approval(state: str) -> None:
    for kind in ("programmateam", "financien"):
        decision = may(_user(kind), "seedfund.approve_instalment", _instalment(state))
        label = InstalmentState(state).label
        assert decision.reason == f"Deze termijn wacht niet op een goedkeuring (status: {label})."


@pytest.mark.parametrize("state", InstalmentState.values)
def test_only_finance_pays_and_only_what_both_approved(state: str) -> None:
    finance, programme = _user("financien"), _user("programmateam")
    instalment = _instalment(state)
    assert bool(may(finance, "seedfund.pay_instalment", instalment)) is (
        state == "approved_finance"
    )
    assert may(programme, "seedfund.pay_instalment", instalment).reason == (
        "Alleen financiën legt betalingen vast."
    )


@pytest.mark.parametrize("kind", [*ROLES, "anonymous"])
def test_ledger_for_programme_and_finance_public_data_for_all(kind: str) -> None:
    user = _user(kind)
    assert bool(may(user, "seedfund.view_ledger")) is (kind in {"programmateam", "financien"})
    assert bool(may(user, "seedfund.approve_instalment")) is (
        kind in {"programmateam", "financien"}
    )
    assert may(user, "seedfund.view_public")
