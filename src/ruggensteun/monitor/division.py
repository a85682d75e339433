"""Linking figures on the 2023 municipal division to areas on the 2020 division (or flagging)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

CROSSWALK = Path("derived") / "gemeente_indeling_2020_2023.csv"


@dataclass(frozen=True)
class Successor:
    code: str | None  # the 2023 code holding this 2020 municipality's figures; None: not mappable
    note: str  # empty when the 2023 figures cover exactly the 2020 municipality


@cache
def _rows(path: Path) -> tuple[dict[str, str], ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def successor_2023(code_2020: str, data_dir: Path | None = None) -> Successor:
    rows = _rows(Path(data_dir or settings.DATA_DIR) / CROSSWALK)
    by_code = {row["code_2020"]: row for row in rows}
    row = by_code.get(code_2020)
    if row is None:
        return Successor(code_2020, "")
    if row["relation"] == "absorbed":
        taken = sorted(
            r["name_2020"]
            for r in rows
            if r["code_2023"] == code_2020 and r["code_2020"] != code_2020
        )
        parts = ", ".join(taken) if taken else "een deel van Haaren"
        return Successor(
            code_2020, f"Cijfers naar de gemeentelijke indeling van 2023: inclusief {parts}."
        )
    if row["relation"] == "merged":
        return Successor(
            None,
            f"{row['name_2020']} is opgegaan in een andere gemeente ({row['code_2023']}); "
            "geen afzonderlijke cijfers in de indeling van 2023.",
        )
    return Successor(
        None, f"{row['name_2020']} is in 2021 opgedeeld; geen cijfers in de indeling van 2023."
    )
