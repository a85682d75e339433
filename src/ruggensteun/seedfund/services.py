"""Services of the seed-money app that change calls (issue 16); the ledger's are in `ledger.py`.

A call's rules (`Call.RULE_FIELDS`, its eligible areas and its rubric) are the terms applicants
apply under, so they are frozen once the call opens: `call_change` refuses to change them from
then on, and `call_open` opens a call only when it has what an applicant and a reviewer need.
Each service checks who may act (`seedfund.manage_call`), works in one transaction on a locked
row, and writes its audit event in that transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruggensteun.accounts.models import User
from ruggensteun.audit.services import audit_record
from ruggensteun.permissions import may

from .errors import SeedfundError
from .models import Call
from .rules import MANAGE_CALL
from .states import CallState

ERROR_FROZEN = _(
    "De regels van een open of gesloten oproep liggen vast; dit kan niet meer veranderen: {fields}."
)
ERROR_UNKNOWN_FIELD = _("Een oproep heeft geen veld '{field}'.")
ERROR_NOT_DRAFT = _("Alleen een oproep in concept kan open gaan.")
ERROR_NO_RUBRIC = _("Geef de oproep eerst ten minste één beoordelingscriterium.")
ERROR_NO_AREAS = _("Kies eerst de focusgebieden waarvoor de oproep openstaat.")

# Fields that may change while a call is open: how it is presented, not its terms.
PRESENTATION_FIELDS = ("title", "description")


def _require(actor: User | None, action: str, obj: Any = None) -> None:
    if actor is None:  # the system
        return
    decision = may(actor, action, obj)
    if not decision:
        raise SeedfundError(decision.reason)


def _fields(call: Call) -> dict[str, Any]:
    """The call's terms and presentation as JSON values, for the audit event."""
    values: dict[str, Any] = {}
    for name in (*Call.RULE_FIELDS, *PRESENTATION_FIELDS):
        value = call.fund_id if name == "fund" else getattr(call, name)
        plain = value is None or isinstance(value, int | bool | str | list)
        values[name] = value if plain else str(value)
    return values


def _label(name: str) -> str:
    field = Call._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def call_change(*, actor: User | None, call: Call, **changes: Any) -> Call:
    """Change a call's fields. Its rules only while it is a draft; its title and description
    always. Refused changes leave the call as it was."""
    _require(actor, MANAGE_CALL, call)
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        for name in changes:
            if name not in (*Call.RULE_FIELDS, *PRESENTATION_FIELDS):
                raise SeedfundError(str(ERROR_UNKNOWN_FIELD).format(field=name))
        changed = {name: value for name, value in changes.items() if getattr(locked, name) != value}
        frozen = sorted(name for name in changed if name in Call.RULE_FIELDS)
        if frozen and locked.rules_frozen:
            labels = [_label(name) for name in frozen]
            raise SeedfundError(str(ERROR_FROZEN).format(fields=", ".join(labels)))
        before = _fields(locked)
        for name, value in changed.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["eligible_areas"])
        locked.save()
        audit_record(
            actor=actor,
            action="seedfund.call_change",
            obj=locked,
            before=before,
            after=_fields(locked),
        )
        return locked


def call_open(*, actor: User | None, call: Call) -> Call:
    """Open a draft call: from now on its rules are frozen. It needs eligible areas and a
    rubric, or no application could be made or scored under it."""
    _require(actor, MANAGE_CALL, call)
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if locked.state != CallState.DRAFT:
            raise SeedfundError(str(ERROR_NOT_DRAFT))
        if not locked.eligible_areas.exists():
            raise SeedfundError(str(ERROR_NO_AREAS))
        if not locked.criteria.exists():
            raise SeedfundError(str(ERROR_NO_RUBRIC))
        locked.state = CallState.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["state", "opened_at"])
        audit_record(
            actor=actor,
            action="seedfund.call_open",
            obj=locked,
            before={"state": CallState.DRAFT.value},
            after={
                "state": locked.state,
                "areas": sorted(locked.eligible_areas.values_list("slug", flat=True)),
                "criteria": list(locked.criteria.values_list("name", "weight")),
                **_fields(locked),
            },
        )
        return locked
