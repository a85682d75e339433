"""Demo organisations and one login per role for Zaandam Oost (development only, needs DEBUG).
The fictional demo practices and signals come after, from `demo_content` (ruggensteun.demo, a
layer above the practices and signals apps), which makes its demo professionals with
`demo_login` below."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ruggensteun.accounts.models import (
    Organisation,
    OrganisationMembership,
    OrganisationType,
    Role,
    RoleAssignment,
    User,
)
from ruggensteun.accounts.services import role_assign

DEMO_PASSWORD = "ruggensteun-demo"
DOMAIN = "demo.ruggensteun.nl"

ORGANISATIONS = {
    "Programmateam Leefbaarheid en Veiligheid": (OrganisationType.RIJK, ""),
    "Gemeente Zaanstad": (OrganisationType.GEMEENTE, "GM0479"),
    "Wijkteam Poelenburg": (OrganisationType.WELZIJN, "GM0479"),
    "Bewonersgroep Poelenburg": (OrganisationType.BEWONERSGROEP, "GM0479"),
    "Gemeente Den Haag": (OrganisationType.GEMEENTE, "GM0518"),
}

# e-mail, role, area scope, organisation, description
DEMO_USERS = [
    ("beheer", Role.BEHEERDER, "", "Programmateam Leefbaarheid en Veiligheid", "beheerder"),
    (
        "programma",
        Role.PROGRAMMATEAM,
        "",
        "Programmateam Leefbaarheid en Veiligheid",
        "programmateam (alle gebieden)",
    ),
    ("analist", Role.ANALIST, "GM0479", "Gemeente Zaanstad", "gemeentelijk analist, Zaanstad"),
    (
        "professional",
        Role.PROFESSIONAL,
        "WK047912",
        "Wijkteam Poelenburg",
        "professional, wijk Poelenburg",
    ),
    (
        "coalitie",
        Role.COALITIELID,
        "WK047912",
        "Bewonersgroep Poelenburg",
        "coalitielid, Poelenburg",
    ),
    (
        "ondermijning",
        Role.ONDERMIJNING,
        "GM0479",
        "Gemeente Zaanstad",
        "need-to-know ondermijning, Zaanstad",
    ),
    ("beoordelaar", Role.BEOORDELAAR, "GM0479", "Gemeente Zaanstad", "beoordelaar, Zaanstad"),
    ("financien", Role.FINANCIEN, "", "Programmateam Leefbaarheid en Veiligheid", "financiën"),
    (
        "analist.denhaag",
        Role.ANALIST,
        "GM0518",
        "Gemeente Den Haag",
        "gemeentelijk analist, Den Haag (ander gebied)",
    ),
]


ERROR_PRODUCTION = "Demo-logins worden alleen aangemaakt met DEBUG=1 (nooit in productie)."


def demo_organisation(name: str, kind: str, municipality: str) -> Organisation:
    return Organisation.objects.get_or_create(
        name=name, defaults={"type": kind, "municipality_code": municipality}
    )[0]


def demo_login(local: str, role: str, area: str, organisation: Organisation) -> str:
    """Make the demo login `local`@DOMAIN with `role` for `area` unless it exists; its e-mail."""
    email = f"{local}@{DOMAIN}"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD
    )
    OrganisationMembership.objects.get_or_create(user=user, organisation=organisation)
    if not RoleAssignment.objects.filter(user=user, role=role, area_code=area).exists():
        role_assign(actor=None, user=user, role=role, area_code=area, organisation=organisation)
    return email


def logins_write(stdout: Any, logins: list[tuple[str, str]]) -> None:
    """Print the logins (part before @, description) with the shared password."""
    stdout.write(f"\nDemo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
    for local, description in logins:
        stdout.write(f"  {local + '@' + DOMAIN:44} {description}")
    stdout.write("")


class Command(BaseCommand):
    help = (
        "Maak demo-organisaties en per rol een demo-login (alleen met DEBUG=1) en toon ze; "
        "de verzonnen demo-praktijken en -signalen laadt daarna `demo_content`."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(ERROR_PRODUCTION)
        with transaction.atomic():
            organisations = {
                name: demo_organisation(name, kind, gm)
                for name, (kind, gm) in ORGANISATIONS.items()
            }
            for local, role, area, organisation_name, _ in DEMO_USERS:
                demo_login(local, role, area, organisations[organisation_name])
        logins_write(self.stdout, [(local, description) for local, *_, description in DEMO_USERS])
