from dataclasses import dataclass

from .geography import area_directory
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
    names = area_directory().names(codes)
    return [
        RoleLine(
            assignment=a,
            area_name=names.get(a.area_code, a.area_code) if a.area_code else "landelijk",
        )
        for a in assignments
    ]
