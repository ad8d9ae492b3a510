"""Refresh the UI catalogues and compile them:  python resources/translations/update.py

1. ``pyside6-lupdate`` collects every ``tr("…")`` of svsg_desktop/qt into svsg_zh_CN.ts and svsg_ja_JP.ts,
   keeping the translations already there (edit them with Qt Linguist: ``pyside6-linguist FILE.ts``);
2. ``pyside6-lrelease`` compiles each .ts into the .qm file the app loads.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGS = ("zh_CN", "ja_JP")


def tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else name


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "svsg_desktop" / "qt").glob("*.py"))
    for lang in LANGS:
        ts = HERE / f"svsg_{lang}.ts"
        subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
                        "-target-language", lang, "-ts", str(ts)], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT,
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
