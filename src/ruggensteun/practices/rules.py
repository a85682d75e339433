"""Permission rules for coalitions and practices (registered with ruggensteun.permissions.rule).

Editors are the programmateam and beheerders (national roles); coalition members (coalitielid)
act for the areas of their role scope. Every refusal says why, in Dutch.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Organisation, Role
from ruggensteun.permissions import (
    ALLOWED,
    NOT_LOGGED_IN,
    AnyUser,
    Decision,
    area_codes_of,
    covers,
    has_role,
    login_first,
    rule,
)

from .models import Coalition, Practice
from .workflow import EDITOR_ROLES, OWNER_EDITABLE, Status

NOT_A_MEMBER = _("Alleen coalitieleden, het programmateam en beheerders registreren coalities.")
OUTSIDE_SCOPE = _("Dit gebied valt buiten het gebied van uw rol als coalitielid.")
NO_AREA = _("Kies minstens één gebied binnen uw eigen gebied.")
NOT_EDITABLE = _("Deze praktijk kan nu niet worden gewijzigd (status: {status}).")
NOT_OWNER = _("Alleen de eigenaar of de redactie wijzigt deze praktijk.")
EDITORS_ONLY = _("Alleen de redactie (programmateam of beheerder) beoordeelt praktijken.")
NOT_PUBLISHED = _("Deze praktijk is (nog) niet gepubliceerd.")
ADOPTION_REFUSED = _(
    "Alleen coalitieleden van dat gebied en het programmateam leggen overnames vast."
)
NOT_IN_COALITION = _(
    "U hoort niet bij deze coalitie: alleen wie haar registreerde, leden van haar "
    "partnerorganisaties, coalitieleden van haar gebieden en het programmateam leggen een "
    "overname namens haar vast."
)


def _is_editor(user: AnyUser) -> bool:
    return has_role(user, *EDITOR_ROLES)


def _areas_of(obj: Any) -> list[Any] | None:
    """The areas a coalition covers, or the areas passed in; None when nothing was passed."""
    if obj is None:
        return None
    if isinstance(obj, Coalition):
        return [*obj.focus_areas.all(), *obj.regions.all()]
    if isinstance(obj, Iterable) and not isinstance(obj, str):
        return list(obj)
    return [obj]


def _member_for_all(user: AnyUser, areas: list[Any] | None) -> Decision:
    """A coalitielid whose scope covers every one of `areas` (None: any scope will do)."""
    if not has_role(user, Role.COALITIELID):
        return Decision(False, str(NOT_A_MEMBER))
    if areas is None:
        return ALLOWED
    if not areas:
        return Decision(False, str(NO_AREA))
    if all(covers(user, {Role.COALITIELID}, area_codes_of(area)) for area in areas):
        return ALLOWED
    return Decision(False, str(OUTSIDE_SCOPE))


@rule("practices.create_coalition")
@login_first
def _create_coalition(user: AnyUser, areas: Any) -> Decision:
    """`areas`: the focus areas and regions the coalition will cover (None: may at all?)."""
    return ALLOWED if _is_editor(user) else _member_for_all(user, _areas_of(areas))


@rule("practices.edit_coalition")
@login_first
def _edit_coalition(user: AnyUser, coalition: Any) -> Decision:
    return ALLOWED if _is_editor(user) else _member_for_all(user, _areas_of(coalition))


@rule("practices.create_practice")
@login_first
def _create_practice(user: AnyUser, coalition: Any) -> Decision:
    """For a coalition: as one who may edit it; without one: any coalitielid or editor."""
    return ALLOWED if _is_editor(user) else _member_for_all(user, _areas_of(coalition))


@rule("practices.edit_practice")
@login_first
def _edit_practice(user: AnyUser, practice: Practice) -> Decision:
    """The owner while draft or needs_update; editors in any state but archived."""
    status = Status(practice.status)
    if _is_editor(user):
        if status == Status.ARCHIVED:
            return Decision(False, str(NOT_EDITABLE).format(status=status.label))
        return ALLOWED
    if practice.owner_id is None or practice.owner_id != user.pk:
        return Decision(False, str(NOT_OWNER))
    if status not in OWNER_EDITABLE:
        return Decision(False, str(NOT_EDITABLE).format(status=status.label))
    return ALLOWED


@rule("practices.review")
@login_first
def _review(user: AnyUser, practice: Any) -> Decision:
    return ALLOWED if _is_editor(user) else Decision(False, str(EDITORS_ONLY))


@rule("practices.view_unpublished")
@login_first
def _view_unpublished(user: AnyUser, practice: Practice) -> Decision:
    if _is_editor(user) or (practice.owner_id is not None and practice.owner_id == user.pk):
        return ALLOWED
    return Decision(False, str(NOT_PUBLISHED))


@rule("practices.view_practice")
def _view_practice(user: AnyUser, practice: Practice) -> Decision:
    """Published practices are public; others only for their owner and the editors."""
    if practice.status == Status.PUBLISHED:
        return ALLOWED
    if not user.is_authenticated:
        return NOT_LOGGED_IN
    return _view_unpublished(user, practice)


@rule("practices.record_adoption")
@login_first
def _record_adoption(user: AnyUser, area: Any) -> Decision:
    """`area`: the adopting focus area or region (None: may at all?)."""
    if _is_editor(user):
        return ALLOWED
    decision = _member_for_all(user, _areas_of(area))
    return decision if decision else Decision(False, str(ADOPTION_REFUSED))


def belongs_to_coalition(user: AnyUser, coalition: Coalition) -> Decision:
    """Whether `user` may act for `coalition`, e.g. name it in an adoption: the editors; who
    registered it; a member of one of its partner organisations (matched by name); a coalitielid
    whose role covers all its areas (who may also edit it). Not a rule of its own: the services
    and forms that take a coalition ask it next to their rule."""
    if not user.is_authenticated or not user.is_active:
        return NOT_LOGGED_IN
    if user.is_superuser or _is_editor(user) or coalition.created_by_id == user.pk:
        return ALLOWED
    if _partner_names(coalition) & _organisation_names(user):
        return ALLOWED
    if has_role(user, Role.COALITIELID) and _member_for_all(user, _areas_of(coalition)):
        return ALLOWED
    return Decision(False, str(NOT_IN_COALITION))


def _partner_names(coalition: Coalition) -> set[str]:
    return {partner.name.strip().casefold() for partner in coalition.partners.all()}


def _organisation_names(user: AnyUser) -> set[str]:
    """The organisations the user is a member of or holds a role for, read once per user."""
    cached: set[str] | None = getattr(user, "_ruggensteun_organisations", None)
    if cached is None:
        organisations = Organisation.objects.filter(
            Q(memberships__user=user) | Q(role_assignments__user=user)
        )
        cached = {name.strip().casefold() for name in organisations.values_list("name", flat=True)}
        user._ruggensteun_organisations = cached  # type: ignore[union-attr]  # per-object cache
    return cached


@rule("practices.workflow_step")
@login_first
def _workflow_step(user: AnyUser, practice: Any) -> Decision:
    """The page that takes a workflow step: any logged-in user may post to it; the step itself
    is checked against the transition table by services.practice_transition."""
    return ALLOWED
