"""The transition tables of seed money: application, review assignment, grant and instalment.

Who may take a step is expressed in parties, not in users (the pattern of
`practices.workflow`):

- APPLICANT: the application's own coalitielid (the user who made it);
- PROGRAMME: the programmateam;
- REVIEWER: the reviewer of this assignment;
- FINANCE: financiën;
- SYSTEM: a scheduled job or an automatic consequence, acting without a user.

Each table maps (source, target) to a `Transition`: the parties allowed, whether a comment is
required, a Dutch label, and two guards the table cannot decide alone but states as data:

- `requires_other_than`: the step must be taken by another person than the one who took the
  step *into* that state. The instalment's finance approval carries
  `requires_other_than="approved_programme"`: the financiën approver must differ from the
  programmateam approver (two approvals by two different people: programme, then finance). The
  service passes the earlier approver as `approvers={"approved_programme": user_id}` and
  `check` refuses when it is the actor, or when the earlier approver is unknown (fail closed).
- `needs_reviews`: a decision on an application needs the number of completed reviews the call
  asks for; the service counts them and passes `reviews_complete=True` to `check`.

`check` is the only place that says whether a step is allowed; the services apply it and the
workflow tests walk every table's whole (source, target, party) matrix. Putting an instalment on
hold and releasing it again (held → planned) restarts its approvals: the service clears them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Role, User
from ruggensteun.permissions import has_role

from .errors import TransitionError
from .states import ApplicationState, AssignmentState, GrantState, InstalmentState


class Party(StrEnum):
    APPLICANT = "applicant"
    PROGRAMME = "programme"
    REVIEWER = "reviewer"
    FINANCE = "finance"
    SYSTEM = "system"


PARTY_LABELS: dict[Party, Promise] = {
    Party.APPLICANT: _("de aanvrager"),
    Party.PROGRAMME: _("het programmateam"),
    Party.REVIEWER: _("de toegewezen beoordelaar"),
    Party.FINANCE: _("financiën"),
    Party.SYSTEM: _("het systeem"),
}

ERROR_NO_SUCH_STEP = _("{noun} met status ‘{source}’ kan niet naar status ‘{target}’.")
ERROR_NOT_YOURS = _("U mag de stap ‘{step}’ niet zetten; dat mag alleen {who}.")
ERROR_COMMENT_REQUIRED = _("Geef een toelichting bij de stap ‘{step}’.")
ERROR_SAME_PERSON = _(
    "De stap ‘{step}’ moet iemand anders zetten dan wie de vorige goedkeuring gaf: "
    "twee goedkeuringen door twee verschillende personen."
)
ERROR_TOO_FEW_REVIEWS = _("Voor de stap ‘{step}’ zijn eerst alle gevraagde beoordelingen nodig.")


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    parties: frozenset[Party]
    comment_required: bool
    label: Promise
    # The state whose step-taker may not take this step (see the module docstring).
    requires_other_than: str | None = None
    needs_reviews: bool = False


@dataclass(frozen=True, eq=False)
class Table:
    """One state machine: its states, its steps, and the noun its messages use (compared and
    hashed by identity: there is one of each)."""

    name: str
    states: type[models.TextChoices]
    noun: Promise  # "Een aanvraag", for ERROR_NO_SUCH_STEP
    transitions: Mapping[tuple[str, str], Transition]

    def label(self, state: str) -> str:
        return str(self.states(state).label) if state in self.states.values else state


def _step(
    source: str,
    target: str,
    parties: set[Party],
    label: Promise,
    *,
    comment: bool = False,
    other_than: str | None = None,
    reviews: bool = False,
) -> tuple[tuple[str, str], Transition]:
    step = Transition(
        str(source), str(target), frozenset(parties), comment, label, other_than, reviews
    )
    return (step.source, step.target), step


APPLICANT, PROGRAMME, REVIEWER = Party.APPLICANT, Party.PROGRAMME, Party.REVIEWER
FINANCE, SYSTEM = Party.FINANCE, Party.SYSTEM
A, R, G, N = ApplicationState, AssignmentState, GrantState, InstalmentState

# An application: submitted by its applicant; the eligibility check (in_check) may ask for more
# information, which the applicant answers by submitting again; decisions need the reviews and a
# rationale; the applicant withdraws it (or the programmateam, with a reason) while it is open.
APPLICATION_OPEN = (A.SUBMITTED, A.IN_CHECK, A.MORE_INFO_NEEDED, A.IN_REVIEW)
APPLICATION = Table(
    "application",
    ApplicationState,
    _("Een aanvraag"),
    dict(
        [
            _step(A.DRAFT, A.SUBMITTED, {APPLICANT}, _("indienen")),
            _step(A.DRAFT, A.WITHDRAWN, {APPLICANT}, _("intrekken")),
            _step(A.SUBMITTED, A.IN_CHECK, {PROGRAMME, SYSTEM}, _("ontvankelijkheid controleren")),
            *(
                _step(s, A.MORE_INFO_NEEDED, {PROGRAMME}, _("meer informatie vragen"), comment=True)
                for s in (A.SUBMITTED, A.IN_CHECK)
            ),
            _step(A.MORE_INFO_NEEDED, A.SUBMITTED, {APPLICANT}, _("aangevuld opnieuw indienen")),
            _step(A.IN_CHECK, A.IN_REVIEW, {PROGRAMME}, _("ontvankelijk verklaren")),
            _step(
                A.IN_CHECK, A.REJECTED, {PROGRAMME}, _("niet ontvankelijk verklaren"), comment=True
            ),
            _step(A.IN_REVIEW, A.APPROVED, {PROGRAMME}, _("toekennen"), comment=True, reviews=True),
            _step(
                A.IN_REVIEW,
                A.APPROVED_WITH_CONDITIONS,
                {PROGRAMME},
                _("toekennen met voorwaarden"),
                comment=True,
                reviews=True,
            ),
            _step(A.IN_REVIEW, A.REJECTED, {PROGRAMME}, _("afwijzen"), comment=True, reviews=True),
            *(
                _step(s, A.WITHDRAWN, {APPLICANT, PROGRAMME}, _("intrekken"), comment=True)
                for s in APPLICATION_OPEN
            ),
        ]
    ),
)

# A review assignment: the reviewer declares first (no conflict, or a conflict, which unassigns
# them for good) and only then sees and scores the application; a conflict found later can still
# be declared; the programmateam takes back an assignment that has not been reviewed.
ASSIGNMENT = Table(
    "assignment",
    AssignmentState,
    _("Een toewijzing"),
    dict(
        [
            _step(R.ASSIGNED, R.NO_CONFLICT, {REVIEWER}, _("verklaren geen belang te hebben")),
            _step(R.ASSIGNED, R.CONFLICT, {REVIEWER}, _("een belang melden")),
            _step(R.NO_CONFLICT, R.CONFLICT, {REVIEWER}, _("alsnog een belang melden")),
            _step(R.NO_CONFLICT, R.REVIEWED, {REVIEWER}, _("beoordeling indienen")),
            *(
                _step(s, R.REVOKED, {PROGRAMME}, _("toewijzing intrekken"), comment=True)
                for s in (R.ASSIGNED, R.NO_CONFLICT)
            ),
        ]
    ),
)

GRANT = Table(
    "grant",
    GrantState,
    _("Een toekenning"),
    dict(
        [
            _step(G.ACTIVE, G.COMPLETED, {PROGRAMME}, _("afronden")),
            _step(G.ACTIVE, G.REVOKED, {PROGRAMME}, _("intrekken"), comment=True),
        ]
    ),
)

# An instalment: programmateam approves, then financiën (another person), then financiën records
# the payment. An overdue report holds it (the scheduled job or the programmateam), its arrival
# releases it to planned (approvals restart); it lapses with a reason, e.g. when the grant ends.
INSTALMENT_UNPAID = (N.PLANNED, N.APPROVED_PROGRAMME, N.APPROVED_FINANCE, N.HELD)
INSTALMENT = Table(
    "instalment",
    InstalmentState,
    _("Een termijn"),
    dict(
        [
            _step(N.PLANNED, N.APPROVED_PROGRAMME, {PROGRAMME}, _("goedkeuren (programmateam)")),
            _step(
                N.APPROVED_PROGRAMME,
                N.APPROVED_FINANCE,
                {FINANCE},
                _("goedkeuren (financiën)"),
                other_than=N.APPROVED_PROGRAMME,
            ),
            _step(N.APPROVED_FINANCE, N.PAID, {FINANCE}, _("betaling vastleggen")),
            *(
                _step(s, N.HELD, {PROGRAMME, SYSTEM}, _("aanhouden"), comment=True)
                for s in (N.PLANNED, N.APPROVED_PROGRAMME, N.APPROVED_FINANCE)
            ),
            _step(N.HELD, N.PLANNED, {PROGRAMME, SYSTEM}, _("vrijgeven")),
            *(
                _step(s, N.LAPSED, {PROGRAMME, SYSTEM}, _("laten vervallen"), comment=True)
                for s in INSTALMENT_UNPAID
            ),
        ]
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (APPLICATION, ASSIGNMENT, GRANT, INSTALMENT)}


def _as_parties(party: Party | Iterable[Party]) -> frozenset[Party]:
    return frozenset({party}) if isinstance(party, Party) else frozenset(party)


def check(
    table: Table,
    source: str,
    target: str,
    party: Party | Iterable[Party],
    comment: str = "",
    *,
    actor_id: int | None = None,
    approvers: Mapping[str, int | None] | None = None,
    reviews_complete: bool = False,
) -> Transition:
    """The step from `source` to `target` if `party` (one or several) may take it, else
    TransitionError with a Dutch message. `actor_id` and `approvers` serve the two-person rule
    (`requires_other_than`), `reviews_complete` the decision's `needs_reviews`."""
    step = table.transitions.get((source, target))
    if step is None:
        raise TransitionError(
            str(ERROR_NO_SUCH_STEP).format(
                noun=table.noun, source=table.label(source), target=table.label(target)
            )
        )
    if not step.parties & _as_parties(party):
        who = " of ".join(str(PARTY_LABELS[p]) for p in sorted(step.parties))
        raise TransitionError(str(ERROR_NOT_YOURS).format(step=step.label, who=who))
    if step.comment_required and not comment.strip():
        raise TransitionError(str(ERROR_COMMENT_REQUIRED).format(step=step.label))
    if step.requires_other_than is not None:
        earlier = (approvers or {}).get(step.requires_other_than)
        if actor_id is None or earlier is None or earlier == actor_id:
            raise TransitionError(str(ERROR_SAME_PERSON).format(step=step.label))
    if step.needs_reviews and not reviews_complete:
        raise TransitionError(str(ERROR_TOO_FEW_REVIEWS).format(step=step.label))
    return step


def transitions_from(table: Table, source: str, party: Party | Iterable[Party]) -> list[Transition]:
    """The steps `party` may take from `source`, in table order (for buttons); the guards are
    the service's to check when the step is taken."""
    parties = _as_parties(party)
    return [
        step
        for (start, _target), step in table.transitions.items()
        if start == source and step.parties & parties
    ]


def parties_of(
    actor: User | None, *, applicant_id: int | None = None, reviewer_id: int | None = None
) -> frozenset[Party]:
    """The parties `actor` acts as, for an application made by `applicant_id` or an assignment
    of `reviewer_id`; None is the system. Superusers act as programmateam and financiën (the
    two-person rule still needs a second person)."""
    if actor is None:
        return frozenset({Party.SYSTEM})
    if not actor.is_active:
        return frozenset()
    parties = set()
    if applicant_id is not None and actor.pk == applicant_id:
        parties.add(Party.APPLICANT)
    if reviewer_id is not None and actor.pk == reviewer_id:
        parties.add(Party.REVIEWER)
    if actor.is_superuser or has_role(actor, Role.PROGRAMMATEAM):
        parties.add(Party.PROGRAMME)
    if actor.is_superuser or has_role(actor, Role.FINANCIEN):
        parties.add(Party.FINANCE)
    return frozenset(parties)
