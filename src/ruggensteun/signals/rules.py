"""Who may record and read signals (registered with ruggensteun.permissions.rule).

- Recording: professionals, for the wijken and buurten of their own scope.
- Reading ordinary signals: the area's professionals and analysts, and the programme team.
- Reading sensitive signals (ondermijning): only the author and need-to-know holders for the
  area; every read is written to the audit trail (services.signal_read).
- Everyone else, the public included, sees aggregates with small counts suppressed.
"""

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

READERS = {Role.PROFESSIONAL, Role.ANALIST, Role.PROGRAMMATEAM}


def _codes(region: Any) -> list[str]:
    return [region.code] if region is not None else []


@rule("signals.record")
@login_first
def _record(user: AnyUser, region: Any) -> Decision:
    """A professional records signals in their own area (any area when none is given yet)."""
    if region is None and any(g.role == Role.PROFESSIONAL for g in grants(user)):
        return ALLOWED
    if region is not None and covers(user, {Role.PROFESSIONAL}, _codes(region)):
        return ALLOWED
    return Decision(
        False, str(_("Alleen professionals leggen signalen vast, voor hun eigen wijk."))
    )


@rule("signals.list")
@login_first
def _list(user: AnyUser, obj: Any) -> Decision:
    """The page listing readable signals: any role that can read some signals."""
    if has_role(user, *READERS, Role.ONDERMIJNING):
        return ALLOWED
    return Decision(False, str(_("Uw rol geeft geen toegang tot afzonderlijke signalen.")))


@rule("signals.view")
@login_first
def _view(user: AnyUser, signal: Any) -> Decision:
    if signal is None:
        return _list(user, None)
    if signal.author_id is not None and signal.author_id == user.pk:
        return ALLOWED
    codes = _codes(signal.region)
    if signal.is_sensitive:
        if covers(user, {Role.ONDERMIJNING}, codes):
            return ALLOWED
        return Decision(
            False, str(_("Signalen over ondermijning zijn alleen voor wie het moet weten."))
        )
    if covers(user, READERS, codes):
        return ALLOWED
    return Decision(False, str(_("Dit signaal hoort niet bij uw gebied.")))


@rule("signals.import")
@login_first
def _import(user: AnyUser, obj: Any) -> Decision:
    return _record(user, None)


@rule("signals.sessions")
@login_first
def _sessions(user: AnyUser, area: Any) -> Decision:
    """Duiding sessions: the area's professionals and analysts, and the programme team."""
    if area is None and has_role(user, *READERS):
        return ALLOWED
    if area is not None and covers(user, READERS, area_codes_of(area)):
        return ALLOWED
    return Decision(False, str(_("Duidingssessies zijn voor de professionals van het gebied.")))
