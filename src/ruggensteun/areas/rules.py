"""Who may define focus areas, correct their membership, upload wijk boundaries and see an
area's non-public data (registered with ruggensteun.permissions.rule)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import Role
from ruggensteun.permissions import (
    ALLOWED,
    AnyUser,
    Decision,
    area_codes_of,
    covers,
    grants,
    has_role,
    login_first,
    rule,
)

BOUNDARIES_REFUSED = _(
    "Wijkgrenzen uploadt het programmateam, of een analist voor de eigen gemeente."
)
DEFINE_REFUSED = _(
    "Eigen gebieden maakt het programmateam, of een analist binnen de eigen gemeente."
)
NOT_OWN_AREA = _("Dit zijn geen gegevens van uw eigen gebied.")
CORRECT_REFUSED = _("Alleen het programmateam past de samenstelling van een gebied aan.")


@rule("areas.upload_boundaries")
@login_first
def _upload_boundaries(user: AnyUser, municipality: Any) -> Decision:
    """Wijk boundaries: who may define areas in a municipality may also upload its wijken."""
    if _define_focus_area(user, municipality):
        return ALLOWED
    return Decision(False, str(BOUNDARIES_REFUSED))


@rule("areas.define_focus_area")
@login_first
def _define_focus_area(user: AnyUser, municipality: Any) -> Decision:
    """Programme team anywhere; a municipal analyst within the municipality of their scope."""
    if has_role(user, Role.PROGRAMMATEAM, Role.BEHEERDER):
        return ALLOWED
    analyst_scopes = [g.area_code for g in grants(user) if g.role == Role.ANALIST]
    if municipality is None and any(code.startswith("GM") for code in analyst_scopes):
        return ALLOWED
    if municipality is not None and any(code == municipality.code for code in analyst_scopes):
        return ALLOWED
    return Decision(False, str(DEFINE_REFUSED))


@rule("areas.correct_membership")
@login_first
def _correct_membership(user: AnyUser, area: Any) -> Decision:
    """The programme team manages the focus areas and their composition; nobody else (least
    privilege: a beheerder runs the system, an analyst defines their own areas)."""
    if has_role(user, Role.PROGRAMMATEAM):
        return ALLOWED
    return Decision(False, str(CORRECT_REFUSED))


@rule("areas.view_internal")
@login_first
def _view_area_internal(user: AnyUser, area: Any) -> Decision:
    """Non-public area data: national roles, or analysts and professionals of that area."""
    codes = area_codes_of(area)
    if covers(user, {Role.PROGRAMMATEAM, Role.BEHEERDER, Role.ANALIST, Role.PROFESSIONAL}, codes):
        return ALLOWED
    return Decision(False, str(NOT_OWN_AREA))
