import ipaddress
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import RoleAssignment, User
from .services import (
    RoleError,
    login_failure_record,
    login_throttled,
    normalise_email,
    role_assignment_check,
    role_grant_check,
)

THROTTLED = _(
    "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw, "
    "of vraag een nieuw wachtwoord aan."
)
EMAIL_TAKEN = _("Er bestaat al een account met dit e-mailadres.")

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(value: str | None) -> IpAddress | None:
    try:
        return ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None


def _trusted(address: IpAddress) -> bool:
    """Whether `address` is one of settings.TRUSTED_PROXIES (addresses or networks)."""
    for entry in settings.TRUSTED_PROXIES:
        try:
            if address in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except (ValueError, TypeError):
            continue
    return False


def client_ip(request: Any) -> str | None:
    """The client's address for the login throttle.

    Behind a trusted proxy it is the right-most X-Forwarded-For entry that is not itself a
    trusted proxy: entries further left were written by the client and prove nothing. A
    malformed entry there is never believed; the proxy's own address is used instead.
    """
    if request is None:
        return None
    remote = _address(request.META.get("REMOTE_ADDR"))
    if remote is None or not _trusted(remote):
        return str(remote) if remote is not None else None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _address(entry)
        if address is None:
            break
        if not _trusted(address):
            return str(address)
    return str(remote)


class ThrottledLoginForm(AuthenticationForm):
    """After five failed attempts for an account (or twenty from one address) in 15 minutes,
    further attempts are refused, even with the right password. The account is the normalised
    address (look-alike letters fold to one) and the user it belongs to."""

    def clean(self) -> dict[str, Any]:
        email = normalise_email(self.data.get("username"))
        ip_address = client_ip(self.request)
        if login_throttled(email=email, ip_address=ip_address):
            raise forms.ValidationError(THROTTLED, code="throttled")
        self.cleaned_data["username"] = email
        try:
            return super().clean()
        except forms.ValidationError:
            login_failure_record(email=email, ip_address=ip_address)
            raise


class RoleAssignmentForm(forms.ModelForm[RoleAssignment]):
    actor: User | None = None  # set by the admin to the beheerder who grants

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "area_code", "organisation"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            role_grant_check(actor=self.actor, user=data.get("user"))
        except RoleError as exc:
            self.add_error("user", str(exc))
        if data.get("role"):
            try:
                data["area_code"] = role_assignment_check(
                    role=data["role"], area_code=data.get("area_code") or ""
                )
            except RoleError as exc:
                self.add_error("area_code", str(exc))
        return data


class UserAddForm(forms.ModelForm[User]):
    """A new account: no password here, the user sets one through the e-mailed link."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data.get("email"))
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN)
        return email


class UserEditForm(forms.ModelForm[User]):
    """What a beheerder may change of another account: names and whether it is active."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "is_active"]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "class": "utrecht-textbox utrecht-textbox--html-input",
            }
        ),
    )
