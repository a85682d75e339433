"""Create demo logins for local development and print them. Refuses to run without DEBUG."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError

from ruggensteun.accounts.models import User

DEMO_PASSWORD = "ruggensteun-demo"
DEMO_USERS = [
    ("beheer@demo.ruggensteun.nl", "Beheerder (alle rechten)", True),
    ("analist@demo.ruggensteun.nl", "Analist (mag eigen focusgebieden maken)", False),
]


class Command(BaseCommand):
    help = "Maak demo-logins aan (alleen in ontwikkeling, DEBUG=1) en toon ze."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Demo-logins worden alleen aangemaakt met DEBUG=1 (nooit in productie)."
            )
        add_area = Permission.objects.get(codename="add_focusarea", content_type__app_label="areas")
        for email, _, is_superuser in DEMO_USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, is_staff=is_superuser)
                user.is_superuser = is_superuser
                user.save()
            user.user_permissions.add(add_area)
        self.stdout.write(f"\nDemo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for email, role, _ in DEMO_USERS:
            self.stdout.write(f"  {email:32} {role}")
        self.stdout.write("")
