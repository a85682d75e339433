"""Reading delimited files (`imports/tabular.py`): broken input is refused with a Dutch report
naming file, row and column, and nothing changes."""

from pathlib import Path

import pytest

from tests.imports.checks import FOCUS, KWB, edited, rejected

pytestmark = pytest.mark.django_db


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "focus_areas_sources.csv"
    empty.write_text("")
    assert "Het bestand is leeg." in str(rejected("focusgebieden", [empty]).problems[0])


def test_a_file_in_another_encoding_is_refused_with_its_line(
    data_dir: Path, tmp_path: Path
) -> None:
    text = (data_dir / FOCUS).read_text(encoding="utf-8").replace("Zaandam Oost", "Zaandam Oóst")
    target = tmp_path / "focus_areas_sources.csv"
    target.write_bytes(text.encode("latin-1", errors="replace"))
    problem = rejected("focusgebieden", [target]).problems[0]
    assert "geen geldige UTF-8" in problem.message
    assert problem.row == 17  # the first line with "Zaandam Oóst"


def test_a_wrong_separator_names_the_missing_columns(data_dir: Path, tmp_path: Path) -> None:
    target = edited(
        data_dir, KWB, tmp_path, lambda lines: [line.replace(",", "\t") for line in lines]
    )
    problem = rejected("cbs-kwb-gemeenten-2020", [target]).problems[0]
    assert "Verplichte kolom(men) ontbreken: GM_CODE, GM_NAAM, AANT_INW" in problem.message
    assert "scheidingsteken" in problem.message


def test_a_truncated_file_is_refused(data_dir: Path, tmp_path: Path) -> None:
    raw = (data_dir / KWB).read_bytes()
    target = tmp_path / "kwb_2020_gemeenten.csv"
    target.write_bytes(raw[: len(raw) // 2])  # cut off in the middle of a row
    problem = rejected("cbs-kwb-gemeenten-2020", [target]).problems[0]
    assert "velden gevonden" in problem.message and problem.row is not None
