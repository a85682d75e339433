"""The regions as accounts' role scopes see them (registered from AreasConfig.ready, so that
accounts, a layer below, never imports Region)."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Region


class RegionDirectory:
    """accounts.geography.AreaDirectory over the CBS regions of every vintage."""

    def exists(self, code: str) -> bool:
        return Region.objects.filter(code=code).exists()

    def names(self, codes: Iterable[str]) -> dict[str, str]:
        names: dict[str, str] = {}
        rows = Region.objects.filter(code__in=set(codes)).order_by("vintage")
        for code, name in rows.values_list("code", "name"):
            names[code] = name or code  # the latest vintage's name wins
        return names
