"""CBS region codes: kept as a name for `ruggensteun.cbs`, where the code format now lives (pure,
so the layers below areas may use it too). Import from `ruggensteun.cbs` in new code."""

from ruggensteun.cbs import (
    CODE_PATTERNS,
    NETHERLANDS_CODE,
    level_of,
    municipality_of,
    parent_code,
    scope_covers,
)

__all__ = [
    "CODE_PATTERNS",
    "NETHERLANDS_CODE",
    "level_of",
    "municipality_of",
    "parent_code",
    "scope_covers",
]
