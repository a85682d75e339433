from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from ruggensteun.permissions import may


def permissions(request: HttpRequest) -> dict[str, bool]:
    """What the navigation may offer this visitor (anonymous on pages answered before the
    authentication middleware ran, such as the refusal of a too-large upload)."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {"can_define_area": bool(may(user, "areas.define_focus_area"))}
