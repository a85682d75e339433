"""What the seed-money models share: money fields in whole cents, their checks, and choices."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CENTS_HELP = _("In hele eurocenten: € 1.000,00 is 100000.")
USER = settings.AUTH_USER_MODEL


def cents_field(verbose_name: Any, **kwargs: Any) -> models.BigIntegerField[int, int]:
    return models.BigIntegerField(verbose_name, help_text=CENTS_HELP, **kwargs)


def not_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=name)


def positive(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gt": 0}), name=name)


class ResidentRule(models.TextChoices):
    """How residents must be involved for an application to be eligible."""

    THREE_RESIDENTS_OR_ONE_PLUS_ORG = (
        "three_residents_or_one_plus_org",
        _("ten minste drie bewoners, of één bewoner en één organisatie"),
    )
    ONE_RESIDENT = "one_resident", _("ten minste één bewoner")
    NONE = "none", _("geen eis")


class ProblemKind(models.TextChoices):
    INDICATOR = "indicator", _("indicator van de monitor")
    DOMAIN = "domain", _("domein van de monitor")
    SIGNAL_THEME = "signal_theme", _("thema van signalen")


class EntryKind(models.TextChoices):
    COMMITMENT = "commitment", _("verplichting")
    RELEASE = "release", _("vrijval")
    PAYMENT = "payment", _("betaling")
    REVERSAL = "reversal", _("correctie (tegenboeking)")
