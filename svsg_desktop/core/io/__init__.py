"""Subtitle and CSV input/output: imports (SRT, ASS/SSA, WebVTT, labeled CSVs, RTTM), the project CSV (the
source of truth, saved atomically) and exports. GUI-free.

Names are imported lazily (PEP 562) so that ``import svsg_desktop.core.io.project_csv`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "EXPORT_FORMATS": "exports", "export_project": "exports",
    "load_labeled_csv": "labeled_csv",
    "SubtitleImport": "model", "check_against_duration": "model",
    "load_project": "project_csv", "save_project": "project_csv", "sidecar_path": "project_csv",
    "load_rttm": "subtitles", "load_subtitles": "subtitles",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover
    from .exports import EXPORT_FORMATS, export_project
    from .labeled_csv import load_labeled_csv
    from .model import SubtitleImport, check_against_duration
    from .project_csv import load_project, save_project, sidecar_path
    from .subtitles import load_rttm, load_subtitles
