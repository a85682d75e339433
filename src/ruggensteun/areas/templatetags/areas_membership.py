"""`{% may_correct_membership area as allowed %}`: whether the visitor may correct the area's
membership, for the "aanpassen" link of `areas/_curation.html` (the page itself asks again)."""

from typing import Any

from django import template

from ruggensteun.permissions import may

register = template.Library()


@register.simple_tag(takes_context=True)
def may_correct_membership(context: template.Context, area: Any) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not area:
        return False
    return bool(may(user, "areas.correct_membership", area))
