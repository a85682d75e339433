from django.http import HttpRequest

from .permissions import may


def permissions(request: HttpRequest) -> dict[str, bool]:
    """What the navigation may offer this visitor."""
    user = request.user
    return {"can_define_area": bool(may(user, "areas.define_focus_area"))}
