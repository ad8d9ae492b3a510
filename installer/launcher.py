"""Entry point of the frozen bundle: one script, two executables.

The bundle holds ``svsg-desktop`` (the windowed app) and ``svsg`` (the command line), built from this file and
sharing one folder of libraries. On Windows and macOS they are two executables (one windowed, one console); on
Linux, where that difference does not exist, ``svsg-desktop`` is a symbolic link to ``svsg`` (one 17 MB
executable less). Which one runs is decided by the name it was started under (``argv[0]``, which keeps a link's
name, while ``sys.executable`` is the resolved file) or the executable's own name, so a user can also copy or
link either one under another name ending in ``desktop`` to get the app.

``SVSG_BUNDLE_SELFTEST=vlc`` (or ``=info``) runs a check of the bundled parts instead (see ``bundle_selftest``):
the smoke test uses it to prove that the pruned VLC plugin folder still plays the demo video.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _is_desktop_name(path: str) -> bool:
    name = os.path.basename(path or "").lower()
    for suffix in (".exe", ".bin"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.endswith("desktop")


def _mode(*names: str) -> str:
    """"gui" when any of the names (the invoked name, the executable) ends with ``desktop``, else "cli"."""
    return "gui" if any(_is_desktop_name(n) for n in names) else "cli"


def main() -> int:
    multiprocessing.freeze_support()  # a frozen app that starts worker processes must call this first
    selftest = os.environ.get("SVSG_BUNDLE_SELFTEST")
    if selftest:
        import bundle_selftest

        return bundle_selftest.main(selftest, sys.argv[1:])
    argv0 = sys.argv[0] if sys.argv else ""
    if _mode(argv0, sys.executable if getattr(sys, "frozen", False) else "") == "gui":
        from svsg_desktop.app import main as gui_main

        return int(gui_main(sys.argv[1:]) or 0)
    from svsg_desktop.cli import main as cli_main

    return int(cli_main(sys.argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
