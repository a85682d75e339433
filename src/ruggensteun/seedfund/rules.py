"""Permission rules for seed money (registered with ruggensteun.permissions.rule).

Who does what: the programmateam makes funds and calls, assigns reviewers and decides;
coalitieleden apply for the areas of their role scope; an assigned reviewer sees and scores an
application only after declaring no conflict of interest; instalments are approved by the
programmateam and then by financiën (another person); public grant data is for everyone.

The rules read only states and plain attributes (`applicant_id`, `reviewer_id`, `state`,
`programme_approved_by_id`), so they need no models at import time and the tests can use
stand-ins. Every refusal says why, in Dutch.

The conflict-of-interest gate is `reviewer_content_decision(user, assignment)`: the content
guard of views, API, downloads, search and e-mails calls it directly, not through `may`, because
`may` lets every active superuser through and the gate holds for a superuser who is a reviewer
too. The two-person rule of instalments is checked again, from the transition table, when the
service takes the step (`workflow.check`), so a superuser cannot approve twice either.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Role
from ruggensteun.permissions import (
    ALLOWED,
    AnyUser,
    Decision,
    area_codes_of,
    covers,
    has_role,
    login_first,
    rule,
)

from .states import ApplicationState, AssignmentState, InstalmentState

ERROR_PROGRAMME_ONLY = _("Alleen het programmateam doet dit.")
ERROR_NOT_A_MEMBER = _("Alleen coalitieleden vragen startgeld aan.")
ERROR_OUTSIDE_SCOPE = _("Dit gebied valt buiten het gebied van uw rol als coalitielid.")
ERROR_NOT_YOUR_APPLICATION = _("Dit is niet uw aanvraag.")
ERROR_NOT_EDITABLE = _("Deze aanvraag kan nu niet worden gewijzigd (status: {status}).")
ERROR_NOT_A_REVIEWER = _("Alleen beoordelaars en het programmateam hebben een beoordelingslijst.")
ERROR_NOT_ASSIGNED = _("U bent niet als beoordelaar aan deze aanvraag toegewezen.")
ERROR_DECLARE_FIRST = _(
    "Verklaar eerst of u een belang heeft bij deze aanvraag; daarna ziet u de inhoud."
)
ERROR_CONFLICT_DECLARED = _("U heeft een belang gemeld en beoordeelt deze aanvraag niet.")
ERROR_ASSIGNMENT_REVOKED = _("Uw toewijzing voor deze aanvraag is ingetrokken.")
ERROR_ALREADY_DECLARED = _("U heeft uw verklaring voor deze aanvraag al gegeven.")
ERROR_ALREADY_SCORED = _("U heeft uw beoordeling van deze aanvraag al ingediend.")
ERROR_SCORE_OWN_FIRST = _("U ziet de scores van anderen pas als u uw eigen beoordeling indiende.")
ERROR_NOT_AWAITING_APPROVAL = _("Deze termijn wacht niet op een goedkeuring (status: {status}).")
ERROR_PROGRAMME_APPROVES_FIRST = _("Het programmateam keurt een termijn als eerste goed.")
ERROR_FINANCE_APPROVES_SECOND = _("Financiën geeft de tweede goedkeuring van een termijn.")
ERROR_SAME_APPROVER = _(
    "U gaf de eerste goedkeuring al; de tweede moet iemand anders geven (vier ogen)."
)
ERROR_NOT_PAYABLE = _(
    "Alleen een termijn die het programmateam en financiën goedkeurden wordt betaald."
)
ERROR_FINANCE_ONLY = _("Alleen financiën legt betalingen vast.")
ERROR_LEDGER = _("Alleen het programmateam en financiën zien het grootboek.")

# States in which the applicant may still change the application.
APPLICANT_EDITABLE = frozenset({ApplicationState.DRAFT, ApplicationState.MORE_INFO_NEEDED})
# Assignment states in which the reviewer sees the application's content.
CONTENT_VISIBLE = frozenset({AssignmentState.NO_CONFLICT, AssignmentState.REVIEWED})
ASSIGNMENT_REFUSALS = {
    AssignmentState.ASSIGNED: ERROR_DECLARE_FIRST,
    AssignmentState.CONFLICT: ERROR_CONFLICT_DECLARED,
    AssignmentState.REVOKED: ERROR_ASSIGNMENT_REVOKED,
}


class HasApplicant(Protocol):
    applicant_id: int | None
    state: str


class HasReviewer(Protocol):
    reviewer_id: int | None
    state: str


class HasApprovals(Protocol):
    state: str
    programme_approved_by_id: int | None


def _refuse(message: Any, **values: object) -> Decision:
    return Decision(False, str(message).format(**values) if values else str(message))


def _is_programme(user: AnyUser) -> bool:
    return has_role(user, Role.PROGRAMMATEAM)


def _is_finance(user: AnyUser) -> bool:
    return has_role(user, Role.FINANCIEN)


def _programme_only(user: AnyUser, obj: Any) -> Decision:
    return ALLOWED if _is_programme(user) else _refuse(ERROR_PROGRAMME_ONLY)


def _is_user(user: AnyUser, user_id: int | None) -> bool:
    return user.is_authenticated and user.is_active and user_id is not None and user.pk == user_id


# The names services ask `may()` about (constants, so a typo fails at import, not at run time).
MANAGE_FUND = "seedfund.manage_fund"
MANAGE_CALL = "seedfund.manage_call"

for _action in (
    MANAGE_FUND,
    MANAGE_CALL,
    "seedfund.assign_reviewers",
    "seedfund.check_eligibility",
    "seedfund.decide",
):
    rule(_action)(login_first(_programme_only))


@rule("seedfund.apply")
@login_first
def _apply(user: AnyUser, area: Any) -> Decision:
    """`area`: the focus area (or CBS code) applied for; None: may this user apply at all?"""
    if not has_role(user, Role.COALITIELID):
        return _refuse(ERROR_NOT_A_MEMBER)
    if area is None or covers(user, {Role.COALITIELID}, area_codes_of(area)):
        return ALLOWED
    return _refuse(ERROR_OUTSIDE_SCOPE)


@rule("seedfund.edit_application")
@login_first
def _edit_application(user: AnyUser, application: HasApplicant) -> Decision:
    """The applicant, while the application is a draft or waits for more information."""
    if not _is_user(user, application.applicant_id):
        return _refuse(ERROR_NOT_YOUR_APPLICATION)
    if application.state not in APPLICANT_EDITABLE:
        return _refuse(ERROR_NOT_EDITABLE, status=ApplicationState(application.state).label)
    return ALLOWED


@rule("seedfund.view_application")
@login_first
def _view_application(user: AnyUser, application: HasApplicant) -> Decision:
    """The applicant and the programmateam; reviewers see content through their assignment
    (`reviewer_content_decision`), never through this rule."""
    if _is_programme(user) or _is_user(user, application.applicant_id):
        return ALLOWED
    return _refuse(ERROR_NOT_YOUR_APPLICATION)


@rule("seedfund.review_queue")
@login_first
def _review_queue(user: AnyUser, obj: Any) -> Decision:
    """The reviewer's queue page: beoordelaars and programmateam (staff reviewers); it lists
    only the user's own assignments, without content before the declaration."""
    if has_role(user, Role.BEOORDELAAR, Role.PROGRAMMATEAM):
        return ALLOWED
    return _refuse(ERROR_NOT_A_REVIEWER)


def reviewer_content_decision(user: AnyUser, assignment: HasReviewer) -> Decision:
    """The conflict-of-interest gate: the assigned reviewer sees the application's content
    (title, plan, budget, applicant, coalition) only after declaring no conflict, and never after
    declaring one or losing the assignment. Depends on the assignment's state alone."""
    if not _is_user(user, assignment.reviewer_id):
        return _refuse(ERROR_NOT_ASSIGNED)
    if assignment.state in CONTENT_VISIBLE:
        return ALLOWED
    return _refuse(ASSIGNMENT_REFUSALS.get(AssignmentState(assignment.state), ERROR_NOT_ASSIGNED))


@rule("seedfund.view_review_content")
@login_first
def _view_review_content(user: AnyUser, assignment: HasReviewer) -> Decision:
    return reviewer_content_decision(user, assignment)


@rule("seedfund.declare_interest")
@login_first
def _declare_interest(user: AnyUser, assignment: HasReviewer) -> Decision:
    """The reviewer declares (no) conflict once; a conflict found later can still be declared."""
    if not _is_user(user, assignment.reviewer_id):
        return _refuse(ERROR_NOT_ASSIGNED)
    if assignment.state in {AssignmentState.ASSIGNED, AssignmentState.NO_CONFLICT}:
        return ALLOWED
    if assignment.state == AssignmentState.REVOKED:
        return _refuse(ERROR_ASSIGNMENT_REVOKED)
    return _refuse(ERROR_ALREADY_DECLARED)


@rule("seedfund.score")
@login_first
def _score(user: AnyUser, assignment: HasReviewer) -> Decision:
    """Scoring needs the content: after declaring no conflict, until the review is submitted."""
    decision = reviewer_content_decision(user, assignment)
    if decision and assignment.state == AssignmentState.REVIEWED:
        return _refuse(ERROR_ALREADY_SCORED)
    return decision


@rule("seedfund.see_other_scores")
@login_first
def _see_other_scores(user: AnyUser, assignment: HasReviewer) -> Decision:
    """Other reviewers' scores only after submitting one's own."""
    decision = reviewer_content_decision(user, assignment)
    if decision and assignment.state != AssignmentState.REVIEWED:
        return _refuse(ERROR_SCORE_OWN_FIRST)
    return decision


@rule("seedfund.approve_instalment")
@login_first
def _approve_instalment(user: AnyUser, instalment: HasApprovals | None) -> Decision:
    """Planned: the programmateam approves; approved by the programmateam: financiën approves,
    another person than the first approver. None: may this user approve instalments at all?"""
    if instalment is None:
        return ALLOWED if _is_programme(user) or _is_finance(user) else _refuse(ERROR_LEDGER)
    state = instalment.state
    if state == InstalmentState.PLANNED:
        return ALLOWED if _is_programme(user) else _refuse(ERROR_PROGRAMME_APPROVES_FIRST)
    if state == InstalmentState.APPROVED_PROGRAMME:
        if not _is_finance(user):
            return _refuse(ERROR_FINANCE_APPROVES_SECOND)
        if instalment.programme_approved_by_id is None:  # fail closed: no first approver
            return _refuse(ERROR_PROGRAMME_APPROVES_FIRST)
        if instalment.programme_approved_by_id == user.pk:
            return _refuse(ERROR_SAME_APPROVER)
        return ALLOWED
    return _refuse(ERROR_NOT_AWAITING_APPROVAL, status=InstalmentState(state).label)


@rule("seedfund.pay_instalment")
@login_first
def _pay_instalment(user: AnyUser, instalment: HasApprovals | None) -> Decision:
    if not _is_finance(user):
        return _refuse(ERROR_FINANCE_ONLY)
    if instalment is not None and instalment.state != InstalmentState.APPROVED_FINANCE:
        return _refuse(ERROR_NOT_PAYABLE)
    return ALLOWED


@rule("seedfund.view_ledger")
@login_first
def _view_ledger(user: AnyUser, fund: Any) -> Decision:
    return ALLOWED if _is_programme(user) or _is_finance(user) else _refuse(ERROR_LEDGER)


@rule("seedfund.view_public")
def _view_public(user: AnyUser, obj: Any) -> Decision:
    """Public grant data (amounts, paid so far, outputs, public rationale; residents shown as
    'bewonersinitiatief', nothing from the review) is for everyone, logged in or not."""
    return ALLOWED
