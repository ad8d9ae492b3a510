"""The ``svsg`` command line: the same pipeline as the app, without a window.

Each sub-command lives in its own module of this package and exposes ``register(subparsers)``; modules are
discovered here so that features can add commands without touching a shared file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from ..core.errors import Cancelled, SvsgError

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="svsg", description="Scalable Video Speaker Grouping")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except Cancelled:
        print("svsg: cancelled", file=sys.stderr)
        return 130
    except SvsgError as err:
        print(f"svsg: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
