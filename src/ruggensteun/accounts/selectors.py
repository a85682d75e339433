from dataclasses import dataclass

from ruggensteun.areas.models import Region

from .models import OrganisationMembership, RoleAssignment, User


@dataclass(frozen=True)
class RoleLine:
    assignment: RoleAssignment
    area_name: str  # the CBS name of the scope, or "landelijk"


def memberships_of(user: User) -> list[OrganisationMembership]:
    return list(user.memberships.select_related("organisation").order_by("organisation__name"))


def roles_of(user: User) -> list[RoleLine]:
    assignments = list(user.role_assignments.select_related("organisation"))
    codes = {a.area_code for a in assignments if a.area_code}
    names: dict[str, str] = {}
    for code, name in (
        Region.objects.filter(code__in=codes).order_by("vintage").values_list("code", "name")
    ):
        names[code] = name or code  # the latest vintage's name wins
    return [
        RoleLine(
            assignment=a,
            area_name=names.get(a.area_code, a.area_code) if a.area_code else "landelijk",
        )
        for a in assignments
    ]
