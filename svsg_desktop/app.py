"""Start-up of the desktop app (``svsg-desktop``)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .qt.main import run  # the Qt layer; imported lazily so the CLI never loads Qt

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
