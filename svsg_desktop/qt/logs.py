"""Logging for the desktop app: a rotating file in the user log folder (plus stderr), configured once."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ..core.paths import log_dir

LOG_NAME = "svsg-desktop.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach a rotating file handler (1 MB × 5) to the root logger. Returns the log file, or None when the
    folder cannot be written (the app still runs; messages go to stderr)."""
    root = logging.getLogger()
    root.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for h in list(root.handlers):
        if getattr(h, "_svsg", False):
            root.removeHandler(h)
            h.close()
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)
    stream.setFormatter(fmt)
    stream._svsg = True
    root.addHandler(stream)
    path = log_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(fmt)
    handler._svsg = True
    root.addHandler(handler)
    return path
