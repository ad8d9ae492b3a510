"""The bundle's entry point picks the app or the command line by name (installer/launcher.py).

On Linux ``svsg-desktop`` is a symbolic link to the one ``svsg`` executable: the name it was started under
(``argv[0]``) must decide, since ``sys.executable`` is the link's resolved target."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("svsg_launcher", ROOT / "installer" / "launcher.py")
launcher = importlib.util.module_from_spec(spec)
spec.loader.exec_module(launcher)


@pytest.mark.parametrize("argv0, executable, mode", [
    ("/opt/svsg/svsg-desktop", "/opt/svsg/svsg", "gui"),            # Linux: the link, resolved to svsg
    ("/home/u/.local/bin/svsg-desktop", "/home/u/.local/share/svsg/svsg", "gui"),
    ("svsg", "/opt/svsg/svsg", "cli"),
    ("/home/u/.local/bin/svsg", "/home/u/.local/share/svsg/svsg", "cli"),
    (r"C:\\svsg\\svsg-desktop.exe", r"C:\\svsg\\svsg-desktop.exe", "gui"),   # Windows: two executables
    ("svsg.exe", r"C:\\svsg\\svsg.exe", "cli"),
    ("svsg", "/Applications/svsg.app/Contents/MacOS/svsg-desktop", "gui"),  # the executable's own name
    ("my-svsg-Desktop", "", "gui"),
    ("", "", "cli"),
])
def test_mode_follows_the_invoked_name_or_the_executable(argv0, executable, mode):
    assert launcher._mode(argv0, executable) == mode
