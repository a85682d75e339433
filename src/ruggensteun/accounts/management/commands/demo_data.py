"""Demo organisations and one login per role for Zaandam Oost (development only, needs DEBUG);
with --content also the fictional demo practices and signals (ruggensteun.demo)."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
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


# The demo content composes the practices and signals apps, which sit above accounts in the
# layer contract (pyproject.toml), so this entry point loads it by name, at run time only.
DEMO_CONTENT = "ruggensteun.demo.content"


class Command(BaseCommand):
    help = (
        "Maak demo-organisaties en per rol een demo-login (alleen met DEBUG=1) en toon ze; "
        "met --content ook verzonnen demo-praktijken en -signalen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--content",
            action="store_true",
            help="Laad ook de demo-inhoud: ~30 praktijken en ~60 signalen, gemarkeerd als "
            "verzonnen (alleen in ontwikkeling).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Demo-logins worden alleen aangemaakt met DEBUG=1 (nooit in productie)."
            )
        with transaction.atomic():
            organisations = {
                name: Organisation.objects.get_or_create(
                    name=name, defaults={"type": kind, "municipality_code": gm}
                )[0]
                for name, (kind, gm) in ORGANISATIONS.items()
            }
            for local, role, area, organisation_name, _ in DEMO_USERS:
                self._user(f"{local}@{DOMAIN}", role, area, organisations[organisation_name])
        logins = [(local, description) for local, _, _, _, description in DEMO_USERS]
        if options["content"]:
            logins += self._content()
        self.stdout.write(f"\nDemo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for local, description in logins:
            self.stdout.write(f"  {local + '@' + DOMAIN:44} {description}")
        self.stdout.write("")

    def _content(self) -> list[tuple[str, str]]:
        """The demo professionals who record the demo signals, then the demo content."""
        content = import_module(DEMO_CONTENT)
        authors = content.demo_authors()
        try:
            with transaction.atomic():
                for author in authors:
                    organisation = Organisation.objects.get_or_create(
                        name=author.organisation,
                        defaults={
                            "type": OrganisationType.WELZIJN,
                            "municipality_code": author.municipality,
                        },
                    )[0]
                    self._user(
                        f"{author.login}@{DOMAIN}",
                        Role.PROFESSIONAL,
                        author.municipality,
                        organisation,
                    )
                report = content.demo_content_load()
        except content.DemoRefused as refusal:
            raise CommandError(str(refusal)) from None
        for kind, label in (
            ("practices", "praktijken"),
            ("signals", "signalen"),
            ("adoptions", "overnames"),
            ("sessions", "duidingssessies"),
        ):
            created, existing = report.count(kind)
            if created or existing:
                self.stdout.write(f"Demo-{label}: {created} nieuw, {existing} al aanwezig.")
        if report.missing:
            self.stdout.write(
                self.style.WARNING("Niet gevonden (overgeslagen): " + ", ".join(report.missing))
            )
        return [(author.login, author.description) for author in authors]

    def _user(self, email: str, role: str, area: str, organisation: Organisation) -> None:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD
        )
        OrganisationMembership.objects.get_or_create(user=user, organisation=organisation)
        if not RoleAssignment.objects.filter(user=user, role=role, area_code=area).exists():
            role_assign(actor=None, user=user, role=role, area_code=area, organisation=organisation)
