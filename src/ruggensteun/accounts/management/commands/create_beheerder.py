"""`ruggensteun create_beheerder EMAIL`: the first beheerder of a fresh installation."""

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruggensteun.accounts.services import beheerder_create

PASSWORD_VARIABLE = "RUGGENSTEUN_BEHEERDER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Maak een beheerder aan (of geef een bestaand account de rol beheerder). Het wachtwoord "
        f"komt uit {PASSWORD_VARIABLE} of wordt gevraagd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask()
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        user = beheerder_create(email=options["email"], password=password)
        self.stdout.write(self.style.SUCCESS(f"{user.email} is beheerder."))

    def _ask(self) -> str:
        first = getpass.getpass("Wachtwoord: ")
        if first != getpass.getpass("Nogmaals: "):
            raise CommandError("De wachtwoorden zijn niet gelijk.")
        return first
