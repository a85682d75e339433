"""Load the fictional demo practices and signals (development only, needs DEBUG), after
`demo_data` has made the demo logins; `make demo` runs both. Idempotent: a second run adds
nothing and says what was already there."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ruggensteun.accounts.management.commands.demo_data import (
    demo_login,
    demo_organisation,
    logins_write,
)
from ruggensteun.accounts.models import OrganisationType, Role
from ruggensteun.demo.content import (
    DemoAuthor,
    DemoRefused,
    DemoReport,
    demo_allowed,
    demo_authors,
    demo_content_load,
)

LABELS = (
    ("practices", "praktijken"),
    ("signals", "signalen"),
    ("adoptions", "overnames"),
    ("sessions", "duidingssessies"),
)


class Command(BaseCommand):
    help = (
        "Laad verzonnen demo-inhoud: ~30 praktijken en ~60 signalen, gemarkeerd als "
        "'demo-inhoud, verzonnen' (alleen met DEBUG=1; eerst `demo_data`)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        authors = demo_authors()
        try:
            demo_allowed()
            with transaction.atomic():
                for author in authors:
                    _author_login(author)
                report = demo_content_load()
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from None
        self._summary(report)
        logins_write(self.stdout, [(author.login, author.description) for author in authors])

    def _summary(self, report: DemoReport) -> None:
        for kind, label in LABELS:
            created, existing = report.count(kind)
            if created or existing:
                self.stdout.write(f"Demo-{label}: {created} nieuw, {existing} al aanwezig.")
        if report.missing:
            self.stdout.write(
                self.style.WARNING("Niet gevonden (overgeslagen): " + ", ".join(report.missing))
            )


def _author_login(author: DemoAuthor) -> None:
    """The demo professional who records the demo signals of the author's municipality."""
    organisation = demo_organisation(
        author.organisation, OrganisationType.WELZIJN, author.municipality
    )
    demo_login(author.login, Role.PROFESSIONAL, author.municipality, organisation)
