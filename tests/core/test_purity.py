"""core/ must stay importable without Django: the CLI, notebooks and workers rely on it."""

import pkgutil
import subprocess
import sys

import maatmonitor.core


def _core_modules() -> list[str]:
    return [
        m.name for m in pkgutil.walk_packages(maatmonitor.core.__path__, prefix="maatmonitor.core.")
    ]


def test_core_has_modules_to_check():
    assert "maatmonitor.core.codes" in _core_modules()


def test_importing_all_of_core_never_loads_django():
    modules = _core_modules()
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"core pulled in Django: {result.stdout.strip()}"
