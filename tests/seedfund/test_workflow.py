"""The seed-money transition tables: every (table, source, target, party), generated from the
states, compared with the table; the comments, the two-person rule and the reviews guard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from ruggensteun.accounts.models import Role, User
from ruggensteun.seedfund.errors import TransitionError
from ruggensteun.seedfund.states import (
    ApplicationState,
    AssignmentState,
    GrantState,
    InstalmentState,
)
from ruggensteun.seedfund.workflow import (
    APPLICATION,
    ASSIGNMENT,
    GRANT,
    INSTALMENT,
    TABLES,
    Party,
    Table,
    Transition,
    check,
    parties_of,
    transitions_from,
)
from tests.accounts.factories import UserFactory, user_with_role
from tests.practices.factories import POELENBURG

pytestmark = pytest.mark.issue(16)

PROGRAMME_ID, FINANCE_ID = 11, 12


def _check_passing_guards(
    table: Table, source: str, target: str, party: Party, comment: str = "Toelichting."
) -> Transition:
    """`check` with guard inputs that let every step through, so the matrix tests parties."""
    return check(
        table,
        source,
        target,
        party,
        comment,
        actor_id=FINANCE_ID,
        approvers={InstalmentState.APPROVED_PROGRAMME: PROGRAMME_ID},
        reviews_complete=True,
    )


MATRIX = [
    (table.name, source, target, party)
    for table in TABLES.values()
    for source in table.states.values
    for target in table.states.values
    for party in Party
]


def _allowed(table: Table, source: str, target: str, party: Party) -> bool:
    step = table.transitions.get((source, target))
    return step is not None and party in step.parties


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("name", "source", "target", "party"), MATRIX, ids=["-".join(row) for row in MATRIX]
)
def test_every_step_for_every_party(name: str, source: str, target: str, party: Party) -> None:
    table = TABLES[name]
    step = table.transitions.get((source, target))
    if _allowed(table, source, target, party):
        assert _check_passing_guards(table, source, target, party) is step
        assert step in transitions_from(table, source, party)
        return
    with pytest.raises(TransitionError) as refused:
        _check_passing_guards(table, source, target, party)
    message = str(refused.value)
    if step is None:
        assert message == (
            f"{table.noun} met status ‘{table.label(source)}’ kan niet naar status "
            f"‘{table.label(target)}’."
        )
    else:
        assert message.startswith(f"U mag de stap ‘{step.label}’ niet zetten; dat mag alleen ")
        assert step not in transitions_from(table, source, party)


def test_the_matrix_is_the_full_product_and_covers_every_step() -> None:
    sizes = {"application": 9, "assignment": 5, "grant": 3, "instalment": 6}
    assert {name: len(t.states.values) for name, t in TABLES.items()} == sizes
    assert len(MATRIX) == (81 + 25 + 9 + 36) * 5 == 755
    for table in TABLES.values():
        allowed = {(s, t) for n, s, t, p in MATRIX if n == table.name and _allowed(table, s, t, p)}
        assert allowed == set(table.transitions)
        assert all(set(key) <= set(table.states.values) for key in table.transitions)


def test_hand_counted_steps_per_table() -> None:
    # application: 2 from draft, 1 check, 2 "more info", 1 back, 2 from in_check, 3 decisions,
    # 4 withdrawals from the open states; assignment 6; grant 2; instalment 3 + 3 + 1 + 4.
    assert [len(t.transitions) for t in TABLES.values()] == [15, 6, 2, 11]
    finals: dict[Table, set[str]] = {
        APPLICATION: {
            ApplicationState.APPROVED,
            ApplicationState.APPROVED_WITH_CONDITIONS,
            ApplicationState.REJECTED,
            ApplicationState.WITHDRAWN,
        },
        ASSIGNMENT: {AssignmentState.CONFLICT, AssignmentState.REVIEWED, AssignmentState.REVOKED},
        GRANT: {GrantState.COMPLETED, GrantState.REVOKED},
        INSTALMENT: {InstalmentState.PAID, InstalmentState.LAPSED},
    }
    for table, ends in finals.items():
        assert {source for source, _target in table.transitions} == set(table.states.values) - set(
            ends
        )


def test_a_party_list_is_allowed_when_one_of_them_may() -> None:
    source, target = ApplicationState.IN_CHECK, ApplicationState.IN_REVIEW
    step = check(APPLICATION, source, target, {Party.APPLICANT, Party.PROGRAMME})
    assert str(step.label) == "ontvankelijk verklaren"
    with pytest.raises(TransitionError):
        check(APPLICATION, source, target, frozenset())


def test_refusals_say_why_in_dutch() -> None:
    with pytest.raises(TransitionError) as unknown:
        check(APPLICATION, ApplicationState.DRAFT, ApplicationState.APPROVED, Party.PROGRAMME)
    assert str(unknown.value) == (
        "Een aanvraag met status ‘concept’ kan niet naar status ‘toegekend’."
    )
    with pytest.raises(TransitionError) as not_yours:
        check(APPLICATION, ApplicationState.DRAFT, ApplicationState.SUBMITTED, Party.PROGRAMME)
    assert str(not_yours.value) == (
        "U mag de stap ‘indienen’ niet zetten; dat mag alleen de aanvrager."
    )
    with pytest.raises(TransitionError) as two:
        check(INSTALMENT, InstalmentState.PLANNED, InstalmentState.HELD, Party.APPLICANT, "x")
    assert str(two.value) == (
        "U mag de stap ‘aanhouden’ niet zetten; dat mag alleen het programmateam of het systeem."
    )
    with pytest.raises(TransitionError, match="kan niet naar status ‘bestaat-niet’"):
        check(GRANT, GrantState.ACTIVE, "bestaat-niet", Party.PROGRAMME)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (table.name, key)
        for table in TABLES.values()
        for key, step in table.transitions.items()
        if step.comment_required
    ],
)
def test_steps_that_need_a_comment_refuse_without_one(name: str, key: tuple[str, str]) -> None:
    table = TABLES[name]
    step = table.transitions[key]
    party = sorted(step.parties)[0]
    with pytest.raises(TransitionError) as refused:
        _check_passing_guards(table, *key, party, "   ")
    assert str(refused.value) == f"Geef een toelichting bij de stap ‘{step.label}’."


def test_the_steps_needing_a_comment() -> None:
    needing = {
        (t.name, *key)
        for t in TABLES.values()
        for key, step in t.transitions.items()
        if step.comment_required
    }
    assert ("application", "in_review", "approved") in needing  # the public rationale
    assert ("application", "draft", "withdrawn") not in needing
    assert ("application", "in_review", "withdrawn") in needing
    assert ("assignment", "assigned", "conflict") not in needing  # no one must explain a conflict
    assert ("instalment", "approved_finance", "paid") not in needing
    # application: 2 "more info", 1 ineligible, 3 decisions, 4 withdrawals; assignment: 2
    # revocations; grant: 1 revocation; instalment: 3 holds, 4 lapses.
    assert len(needing) == 10 + 2 + 1 + 7


# The two-person rule: only programme → finance approval carries it.
FINANCE_STEP = (InstalmentState.APPROVED_PROGRAMME, InstalmentState.APPROVED_FINANCE)


def test_only_the_finance_approval_requires_another_person() -> None:
    guarded = [
        (t.name, key)
        for t in TABLES.values()
        for key, s in t.transitions.items()
        if s.requires_other_than
    ]
    assert guarded == [("instalment", FINANCE_STEP)]
    assert INSTALMENT.transitions[FINANCE_STEP].requires_other_than == "approved_programme"


def test_finance_approval_by_another_person_passes() -> None:
    approvers = {"approved_programme": PROGRAMME_ID}
    step = check(INSTALMENT, *FINANCE_STEP, Party.FINANCE, actor_id=FINANCE_ID, approvers=approvers)
    assert step.target == InstalmentState.APPROVED_FINANCE


@pytest.mark.parametrize(
    ("actor_id", "approvers"),
    [
        (PROGRAMME_ID, {"approved_programme": PROGRAMME_ID}),  # the same person twice
        (FINANCE_ID, {}),  # the first approver unknown: fail closed
        (FINANCE_ID, {"approved_programme": None}),
        (FINANCE_ID, None),
        (None, {"approved_programme": PROGRAMME_ID}),  # no person at all
    ],
)
def test_finance_approval_by_the_same_or_an_unknown_person_is_refused(
    actor_id: int | None, approvers: dict[str, int | None] | None
) -> None:
    with pytest.raises(TransitionError) as refused:
        check(
            INSTALMENT,
            *FINANCE_STEP,
            {Party.PROGRAMME, Party.FINANCE},
            actor_id=actor_id,
            approvers=approvers,
        )
    assert str(refused.value) == (
        "De stap ‘goedkeuren (financiën)’ moet iemand anders zetten dan wie de vorige "
        "goedkeuring gaf: twee goedkeuringen door twee verschillende personen."
    )


def test_the_party_check_comes_before_the_two_person_rule() -> None:
    with pytest.raises(TransitionError, match="dat mag alleen financiën"):
        check(INSTALMENT, *FINANCE_STEP, Party.PROGRAMME, actor_id=FINANCE_ID, approvers={})


@pytest.mark.parametrize(
    "target",
    [
        ApplicationState.APPROVED,
        ApplicationState.APPROVED_WITH_CONDITIONS,
        ApplicationState.REJECTED,
    ],
)
def test_decisions_need_the_reviews(target: str) -> None:
    step = APPLICATION.transitions[(ApplicationState.IN_REVIEW, target)]
    assert step.needs_reviews
    with pytest.raises(TransitionError) as refused:
        check(APPLICATION, ApplicationState.IN_REVIEW, target, Party.PROGRAMME, "Motivering.")
    assert str(refused.value) == (
        f"Voor de stap ‘{step.label}’ zijn eerst alle gevraagde beoordelingen nodig."
    )
    check(
        APPLICATION,
        ApplicationState.IN_REVIEW,
        target,
        Party.PROGRAMME,
        "Motivering.",
        reviews_complete=True,
    )
    # Withdrawing and declaring ineligible need no reviews.
    assert not APPLICATION.transitions[
        (ApplicationState.IN_REVIEW, ApplicationState.WITHDRAWN)
    ].needs_reviews
    assert not APPLICATION.transitions[
        (ApplicationState.IN_CHECK, ApplicationState.REJECTED)
    ].needs_reviews


def test_buttons_from_a_state() -> None:
    steps = transitions_from(APPLICATION, ApplicationState.IN_CHECK, Party.PROGRAMME)
    assert [s.target for s in steps] == ["more_info_needed", "in_review", "rejected", "withdrawn"]
    assert [s.target for s in transitions_from(ASSIGNMENT, "assigned", Party.REVIEWER)] == [
        "no_conflict",
        "conflict",
    ]
    assert transitions_from(INSTALMENT, "paid", set(Party)) == []


@pytest.mark.django_db
def test_parties_of_users() -> None:
    applicant = user_with_role(Role.COALITIELID, POELENBURG)
    reviewer = user_with_role(Role.BEOORDELAAR, "GM0479")
    programme = user_with_role(Role.PROGRAMMATEAM)
    finance = user_with_role(Role.FINANCIEN)
    ids = {"applicant_id": applicant.pk, "reviewer_id": reviewer.pk}
    assert parties_of(applicant, **ids) == {Party.APPLICANT}
    assert parties_of(reviewer, **ids) == {Party.REVIEWER}
    assert parties_of(programme, **ids) == {Party.PROGRAMME}
    assert parties_of(finance, **ids) == {Party.FINANCE}
    assert parties_of(None) == {Party.SYSTEM}
    # A coalitielid is no applicant of someone else's application; a beoordelaar not assigned
    # is no reviewer; a programmateam member assigned as staff reviewer is both.
    assert parties_of(user_with_role(Role.COALITIELID, POELENBURG), **ids) == frozenset()
    assert parties_of(user_with_role(Role.BEOORDELAAR, "GM0479"), **ids) == frozenset()
    assert parties_of(programme, reviewer_id=programme.pk) == {Party.PROGRAMME, Party.REVIEWER}
    superuser: User = UserFactory(is_superuser=True)
    assert parties_of(superuser) == {Party.PROGRAMME, Party.FINANCE}
    applicant.is_active = False
    assert parties_of(applicant, **ids) == frozenset()
