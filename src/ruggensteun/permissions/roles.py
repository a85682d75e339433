"""Role names as the rules see them: plain strings, the values of `accounts.models.Role`.

The Role choices (with their labels) belong to the role assignment model in accounts, a layer
above; the one fact the scope check needs from them, which roles act nationally, is named here
and accounts builds its NATIONAL_ROLES from it.
"""

from typing import Final

# Roles that act nationally; the others act for the areas they are assigned.
NATIONAL_ROLES: Final = frozenset({"programmateam", "beheerder", "financien"})
