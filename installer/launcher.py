"""Entry point of the frozen bundle: one script, two executables.

The bundle holds ``svsg-desktop`` (the windowed app) and ``svsg`` (the command line), both built from this file
and sharing one folder of libraries. Which one runs is decided by the executable's own name, so a user can also
copy or link either one under another name ending in ``-desktop`` to get the app.

``SVSG_BUNDLE_SELFTEST=vlc`` (or ``=info``) runs a check of the bundled parts instead (see ``bundle_selftest``):
the smoke test uses it to prove that the pruned VLC plugin folder still plays the demo video.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _mode(argv0: str) -> str:
    name = os.path.basename(argv0).lower()
    for suffix in (".exe", ".bin"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return "gui" if name.endswith("-desktop") or name.endswith("desktop") else "cli"


def main() -> int:
    multiprocessing.freeze_support()  # a frozen app that starts worker processes must call this first
    selftest = os.environ.get("SVSG_BUNDLE_SELFTEST")
    if selftest:
        import bundle_selftest

        return bundle_selftest.main(selftest, sys.argv[1:])
    if _mode(sys.executable if getattr(sys, "frozen", False) else sys.argv[0]) == "gui":
        from svsg_desktop.app import main as gui_main

        return int(gui_main(sys.argv[1:]) or 0)
    from svsg_desktop.cli import main as cli_main

    return int(cli_main(sys.argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
