"""Users log in with their e-mail address; roles per area follow in issue 3."""

import unicodedata
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruggensteun.permissions import roles as permissions_roles

ERROR_EMAIL_REQUIRED = _("Een e-mailadres is verplicht.")


def normalise_email(value: str | None) -> str:
    """The one form of an e-mail address for storing, looking up and throttling (issue 12).

    NFKC folds look-alikes such as full-width letters (`ｆ` → `f`), casefold ignores case
    (also `ß` → `ss`), and the second NFKC keeps the casefolded text in normal form. Control
    and invisible formatting characters (NUL, zero-width spaces) are dropped: they give no
    fresh throttle budget, and PostgreSQL cannot store a NUL.
    """
    visible = "".join(
        char for char in value or "" if unicodedata.category(char) not in {"Cc", "Cf"}
    )
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    return folded.strip()


class EmailUserManager(UserManager["User"]):
    def _create_user_object(self, email: str, password: str | None, **extra: Any) -> "User":
        if not normalise_email(email):
            raise ValueError(str(ERROR_EMAIL_REQUIRED))
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        """Logging in ignores case and Unicode look-alikes; iexact also finds older rows."""
        return self.get(email__iexact=normalise_email(username))

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._create_user_object(email, password, **extra)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # e-mail is the login name
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[EmailUserManager] = EmailUserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


class OrganisationType(models.TextChoices):
    GEMEENTE = "gemeente", _("gemeente")
    RIJK = "rijk", _("rijksoverheid")
    GGD = "ggd", _("GGD")
    POLITIE = "politie", _("politie")
    SCHOOL = "school", _("school")
    WELZIJN = "welzijn", _("welzijnsorganisatie")
    CORPORATIE = "corporatie", _("woningcorporatie")
    BEWONERSGROEP = "bewonersgroep", _("bewonersgroep")
    OTHER = "other", _("anders")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    type = models.CharField(_("soort"), max_length=16, choices=OrganisationType.choices)
    municipality_code = models.CharField(
        _("gemeente (CBS-code)"), max_length=6, blank=True, help_text=_("Bijv. GM0479")
    )
    members = models.ManyToManyField(
        User, through="OrganisationMembership", related_name="organisations", blank=True
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    function = models.CharField(_("functie"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} bij {self.organisation}"


class Role(models.TextChoices):
    PROGRAMMATEAM = "programmateam", _("programmateam")
    ANALIST = "gemeentelijk_analist", _("gemeentelijk analist")
    PROFESSIONAL = "professional", _("professional")
    COALITIELID = "coalitielid", _("coalitielid")
    BEOORDELAAR = "beoordelaar", _("beoordelaar")
    FINANCIEN = "financien", _("financiën")
    BEHEERDER = "beheerder", _("beheerder")
    # Need-to-know for sensitive signals (ondermijning), scoped to an area like a professional.
    ONDERMIJNING = "ondermijning_ntk", _("need-to-know ondermijning")


# Roles that act nationally; the others act for the areas they are assigned.
NATIONAL_ROLES = frozenset(Role(name) for name in permissions_roles.NATIONAL_ROLES)
# Roles that work in the admin (Django's is_staff follows from them).
STAFF_ROLES = frozenset({Role.PROGRAMMATEAM, Role.BEHEERDER})
# Roles a second beheerder must approve before they are granted (issue 12, four eyes).
FOUR_EYES_ROLES = frozenset({Role.ONDERMIJNING})
# Roles that must confirm a TOTP code after the password (issue 12); superusers too.
TWO_FACTOR_ROLES = frozenset({Role.PROGRAMMATEAM, Role.BEHEERDER, Role.ONDERMIJNING})


class RoleAssignment(models.Model):
    """A role for a user, scoped to an area (a CBS gemeente, wijk or buurt code) or national.

    A scope covers everything inside it: GM0479 covers its wijken WK0479.. and buurten BU0479....
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rol"), max_length=24, choices=Role.choices)
    area_code = models.CharField(
        _("gebied (CBS-code)"),
        max_length=12,
        blank=True,
        help_text=_("Leeg voor landelijke rollen; anders GM-, WK- of BU-code."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("toegekend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("roltoewijzing")
        verbose_name_plural = _("roltoewijzingen")
        ordering = ["user__email", "role", "area_code"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "area_code"], name="role_once_per_area")
        ]

    def __str__(self) -> str:
        where = self.area_code or str(_("landelijk"))
        return f"{self.user}: {self.get_role_display()} ({where})"


class RoleRequestState(models.TextChoices):
    PENDING = "pending", _("wacht op een tweede beheerder")
    APPROVED = "approved", _("goedgekeurd")
    REJECTED = "rejected", _("afgewezen")


class RoleRequest(models.Model):
    """A role that needs four eyes (need-to-know): asked by one beheerder, decided by another."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_requests")
    role = models.CharField(_("rol"), max_length=24, choices=Role.choices)
    area_code = models.CharField(_("gebied (CBS-code)"), max_length=12, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=RoleRequestState.choices,
        default=RoleRequestState.PENDING,
    )
    requested_by = models.ForeignKey(
        User,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rolverzoek")
        verbose_name_plural = _("rolverzoeken (vier ogen)")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        where = self.area_code or str(_("landelijk"))
        return f"{self.user}: {self.get_role_display()} ({where})"


class AttemptKind(models.TextChoices):
    PASSWORD = "password", _("wachtwoord")
    CODE = "code", _("verificatiecode")


class LoginAttempt(models.Model):
    """Failed logins and wrong two-factor codes, kept briefly to throttle guessing per account
    (its normalised address and, when known, the user) and per client address."""

    email = models.CharField(max_length=254, db_index=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="login_attempts"
    )
    kind = models.CharField(max_length=8, choices=AttemptKind.choices, default=AttemptKind.PASSWORD)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("mislukte inlogpoging")
        verbose_name_plural = _("mislukte inlogpogingen")

    def __str__(self) -> str:
        return f"{self.email} {self.at:%Y-%m-%d %H:%M}"
