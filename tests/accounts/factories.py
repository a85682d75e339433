"""Users, organisations and logins for tests: every test makes its users here."""

import factory
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ruggensteun.accounts.models import Organisation, OrganisationType, User
from ruggensteun.accounts.services import role_assign

PASSWORD = "een-lang-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.WELZIJN


def user_with_role(role: str, area_code: str = "", **fields: object) -> User:
    """A user holding one role, granted through the audited service as the system."""
    user = UserFactory(**fields)
    role_assign(actor=None, user=user, role=role, area_code=area_code)
    user.refresh_from_db()
    return user


def verified_login(client: Client, user: User) -> TOTPDevice:
    """Log `user` in as if the password and a TOTP code were both given (two-factor verified)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
