"""The analysis core must import without Django (STYLE.md rule 8, docs/adr/0002)."""

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_analysis_imports_without_django() -> None:
    # Make `import django` fail outright, then import the analysis core and all its modules.
    code = (
        "import sys, pkgutil, importlib\n"
        "sys.modules['django'] = None\n"
        "import ruggensteun.analysis as analysis\n"
        "for module in pkgutil.walk_packages(analysis.__path__, 'ruggensteun.analysis.'):\n"
        "    importlib.import_module(module.name)\n"
        "assert not any(name.startswith('django.') for name in sys.modules), 'django imported'\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
