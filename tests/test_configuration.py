"""Every environment variable that settings.py reads is documented in docs/configuration.md."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "src" / "ruggensteun" / "settings.py"
DOC = ROOT / "docs" / "configuration.md"
READERS = {"_env_bool", "_env_list", "get", "getenv"}


def variables_read_by_settings() -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(SETTINGS.read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            is_environ = isinstance(func, ast.Attribute) and "environ" in ast.unparse(func.value)
            if name in {"_env_bool", "_env_list"} or (name in READERS and is_environ):
                names.add(str(node.args[0].value))
        is_subscript = isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
        if is_subscript and "environ" in ast.unparse(node.value):  # type: ignore[attr-defined]
            names.add(str(node.slice.value))  # type: ignore[attr-defined]
    return names


def documented_variables() -> set[str]:
    return set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`", DOC.read_text(), flags=re.MULTILINE))


def test_settings_read_the_expected_core_variables() -> None:
    # Guards the parser itself: these are certainly read, so finding none would be a parser bug.
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= variables_read_by_settings()


def test_every_variable_read_by_settings_is_documented() -> None:
    undocumented = variables_read_by_settings() - documented_variables()
    assert not undocumented, f"Document these in docs/configuration.md: {sorted(undocumented)}"


def test_documentation_names_no_variable_that_settings_do_not_read() -> None:
    stale = documented_variables() - variables_read_by_settings()
    assert not stale, (
        f"docs/configuration.md names variables settings.py never reads: {sorted(stale)}"
    )


@pytest.mark.issue(12)
def test_production_settings_are_safe_by_default() -> None:
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.PASSWORD_HASHERS[0].rsplit('.', 1)[1], "
        "'django.middleware.csrf.CsrfViewMiddleware' in s.MIDDLEWARE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.X_FRAME_OPTIONS, "
        "'csp.middleware.CSPMiddleware' in s.MIDDLEWARE, "
        "'ruggensteun.web.middleware.NoStoreMiddleware' in s.MIDDLEWARE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT / "src"),
            "SECRET_KEY": "x",
            "DJANGO_SETTINGS_MODULE": "ruggensteun.settings",
        },
        check=True,
    )
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "Argon2PasswordHasher",
        "True",
        "31536000",
        "True",
        "DENY",
        "True",
        "True",
    ]
