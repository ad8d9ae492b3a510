"""The edit journal (placeholder, filled in below)."""

from __future__ import annotations

import os
from pathlib import Path

JOURNAL_SUFFIX = ".svsg.journal"


def journal_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.stem + JOURNAL_SUFFIX)
