"""The core must never import Qt or VLC (checked in a clean subprocess: pytest-qt imports PySide6 here)."""

import pkgutil
import subprocess
import sys

import svsg_desktop.core as core

FORBIDDEN = ("PySide6", "shiboken6", "vlc", "svsg_desktop.qt", "svsg_desktop.cli", "svsg_desktop.app")


def test_importing_every_core_module_loads_no_gui(repo_root):
    names = [m.name for m in pkgutil.walk_packages(core.__path__, prefix="svsg_desktop.core.")]
    assert "svsg_desktop.core.commands" in names
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or m in {FORBIDDEN!r}"
        " or any(m.startswith(f + '.') for f in " + repr(FORBIDDEN) + "))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_import_linter_contract_holds(repo_root):
    lint = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; "
            "sys.argv=['lint-imports','--no-cache']; c()"]
    res = subprocess.run(lint, cwd=repo_root, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "KEPT" in res.stdout and "BROKEN" not in res.stdout
    assert "The core is layered" in res.stdout          # the layers contract (pyproject.toml) is checked too
