"""The states of the seed-money ("startgeld") objects: calls, applications, review assignments,
grants and instalments.

Values are English keys (stored in the database, used in the API and the transition tables of
`workflow.py`); labels are Dutch and marked for translation, like `practices.workflow.Status`.
This module imports nothing from the app so that models, workflow and rules can all import it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Every state value fits in a CharField of this length (the longest is 24 characters).
STATE_MAX_LENGTH = 32


class CallState(models.TextChoices):
    """A call (oproep) for applications. Its rules are frozen from OPEN on."""

    DRAFT = "draft", _("concept")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class ApplicationState(models.TextChoices):
    """An application (aanvraag) by a coalition.

    draft → submitted → in_check (ontvankelijkheid) → in_review → approved /
    approved_with_conditions / rejected; in_check ⇄ more_info_needed → submitted;
    withdrawn from every open state.
    """

    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    IN_CHECK = "in_check", _("in controle (ontvankelijkheid)")
    MORE_INFO_NEEDED = "more_info_needed", _("meer informatie nodig")
    IN_REVIEW = "in_review", _("in beoordeling")
    APPROVED = "approved", _("toegekend")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("toegekend met voorwaarden")
    REJECTED = "rejected", _("afgewezen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class AssignmentState(models.TextChoices):
    """A reviewer's assignment to one application.

    Only NO_CONFLICT and REVIEWED let the reviewer see the application's content; CONFLICT
    (belang gemeld) unassigns them for good; REVOKED is the programme team taking the assignment
    back without a conflict (for instance a reviewer who does not respond).
    """

    ASSIGNED = "assigned", _("toegewezen")
    NO_CONFLICT = "no_conflict", _("geen belang verklaard")
    CONFLICT = "conflict", _("belang gemeld")
    REVIEWED = "reviewed", _("beoordeeld")
    REVOKED = "revoked", _("toewijzing ingetrokken")


class GrantState(models.TextChoices):
    """A grant (toekenning) that follows an approving decision."""

    ACTIVE = "active", _("actief")
    COMPLETED = "completed", _("afgerond")
    REVOKED = "revoked", _("ingetrokken")


class InstalmentState(models.TextChoices):
    """One instalment (termijn) of a grant.

    planned → approved_programme → approved_finance → paid, by two different people; held
    (aangehouden) while a report is overdue; lapsed (vervallen) when it will not be paid.
    """

    PLANNED = "planned", _("gepland")
    APPROVED_PROGRAMME = "approved_programme", _("goedgekeurd door programmateam")
    APPROVED_FINANCE = "approved_finance", _("goedgekeurd door financiën")
    PAID = "paid", _("betaald")
    HELD = "held", _("aangehouden")
    LAPSED = "lapsed", _("vervallen")
