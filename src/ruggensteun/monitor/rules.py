"""Who may upload a municipality's own figures through the template (registered with
ruggensteun.permissions.rule)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruggensteun.permissions import ALLOWED, AnyUser, Decision, login_first, may, rule

FIGURES_REFUSED = _(
    "Eigen cijfers uploadt het programmateam, of een analist voor de eigen gemeente."
)


@rule("monitor.upload_figures")
@login_first
def _upload_figures(user: AnyUser, municipality: Any) -> Decision:
    """The same people as for wijk boundaries and own areas (no new role): the programme team
    anywhere, a municipal analyst only for the municipality of their scope."""
    if may(user, "areas.define_focus_area", municipality):
        return ALLOWED
    return Decision(False, str(FIGURES_REFUSED))
