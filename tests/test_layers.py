"""The layer contract (issue 13): pages compose, domains stay below, permissions at the bottom.

`make lint` runs the same contract (import-linter, configured in pyproject.toml). These tests
also state the acceptance criteria on their own, so a loosened contract does not hide them.
"""

import ast
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import grimp
import pytest

pytestmark = pytest.mark.issue(13)

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "ruggensteun"
ABOVE_AREAS = ("monitor", "practices", "signals", "reports", "pages")


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("ruggensteun", exclude_type_checking_imports=True, cache_dir=None)


def ignored() -> set[tuple[str, str]]:
    """The contract's listed exceptions, as (importer, imported pattern) pairs."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    pairs = set()
    for contract in config["contracts"]:
        for line in contract.get("ignore_imports", []):
            importer, imported = (part.strip() for part in line.split("->"))
            pairs.add((importer, imported))
    return pairs


def listed(importer: str, imported: str) -> bool:
    for listed_importer, pattern in ignored():
        prefix = pattern.removesuffix("*")
        matches = imported == pattern or (pattern.endswith("*") and imported.startswith(prefix))
        if importer == listed_importer and matches:
            return True
    return False


def imports_between(importer: str, imported: str) -> list[tuple[str, str]]:
    found = graph().find_matching_direct_imports(
        import_expression=f"{importer}.** -> {imported}.**"
    )
    direct = graph().find_matching_direct_imports(import_expression=f"{importer}.** -> {imported}")
    return sorted({(i["importer"], i["imported"]) for i in [*found, *direct]})


def test_the_import_contract_is_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("upper", [app for app in ABOVE_AREAS if (SOURCE / app).exists()])
def test_areas_imports_nothing_from_the_apps_above_it(upper: str) -> None:
    found = imports_between("ruggensteun.areas", f"ruggensteun.{upper}")
    assert [pair for pair in found if not listed(*pair)] == []


def test_accounts_imports_nothing_from_areas() -> None:
    assert imports_between("ruggensteun.accounts", "ruggensteun.areas") == []


def test_permissions_imports_no_app() -> None:
    apps = [path.name for path in SOURCE.iterdir() if (path / "apps.py").exists()]
    for app in apps:
        assert imports_between("ruggensteun.permissions", f"ruggensteun.{app}") == [], app


def test_no_import_is_listed_as_an_exception() -> None:
    """The pages app composes the pages, and web's size guard reads the `UPLOAD_MAX_BYTES`
    setting, so the contract needs no exceptions."""
    assert ignored() == set()


def test_cbs_imports_the_standard_library_only() -> None:
    tree = ast.parse((SOURCE / "cbs.py").read_text())
    modules = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    top_level = {name.split(".")[0] for name in modules}
    assert top_level <= sys.stdlib_module_names | {"__future__"}, top_level
    assert graph().find_modules_directly_imported_by("ruggensteun.cbs") == set()
