from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import RoleAssignment
from .services import RoleError, login_failure_record, login_throttled, role_assignment_check

THROTTLED = _(
    "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw, "
    "of vraag een nieuw wachtwoord aan."
)


def client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


class ThrottledLoginForm(AuthenticationForm):
    """After five failed attempts for an account (or twenty from one address) in 15 minutes,
    further attempts are refused, even with the right password."""

    def clean(self) -> dict[str, Any]:
        email = (self.data.get("username") or "").strip()
        ip_address = client_ip(self.request)
        if login_throttled(email=email, ip_address=ip_address):
            raise forms.ValidationError(THROTTLED, code="throttled")
        try:
            return super().clean()
        except forms.ValidationError:
            login_failure_record(email=email, ip_address=ip_address)
            raise


class RoleAssignmentForm(forms.ModelForm[RoleAssignment]):
    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "area_code", "organisation"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role"):
            try:
                data["area_code"] = role_assignment_check(
                    role=data["role"], area_code=data.get("area_code") or ""
                )
            except RoleError as exc:
                self.add_error("area_code", str(exc))
        return data
