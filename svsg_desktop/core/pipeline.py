"""The steps of a labeling job: an episode's lines (subtitles, or VAD segments without them), then
features → confidence → groups → names as one command. ``core/workspace.py`` strings them together for the CLI
and the app alike (``workspace.label`` / ``workspace.label_job``).

The engine's result is applied with :class:`~svsg_desktop.core.commands.AssignClusters`, so lines a human pinned
never move, and human groups are passed to the engine as constraints (must-link / cannot-link)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from .commands import AssignClusters
from .progress import ProgressFn, SubProgress, check_cancel, no_progress
from .project import Project

log = logging.getLogger(__name__)


def read_lines(video: str | Path, subs: str | Path | None = None, *, progress: ProgressFn = no_progress,
               cancel: threading.Event | None = None) -> tuple[list, list[str]]:
    """The one rule for an episode's lines: the subtitle file when there is one, else speech segments found by
    voice activity detection. Returns (lines, import warnings)."""
    if subs is not None:
        from .io.subtitles import load_subtitles

        progress(0.0, "reading subtitles")
        imported = load_subtitles(subs)
        for w in imported.warnings:
            log.warning("%s", w)
        return list(imported.lines), list(imported.warnings)
    from .features import vad_lines

    progress(0.0, "finding speech (no subtitles)")
    return vad_lines(video, progress=progress, cancel=cancel), []


def grouping_command(video: str | Path, project: Project, *, heads=None, library=None, method: str | None = None,
                     cache_dir: str | Path | None = None, device: str = "auto", progress: ProgressFn = no_progress,
                     cancel: threading.Event | None = None) -> AssignClusters | None:
    """Features → confidence → groups → names for the project's dialogue lines, as one command (not applied: the
    caller applies it, the app through its undo stack). None when there is no dialogue line."""
    from .features import extract_features
    from .grouping.engine import Constraints, cluster_lines
    from .grouping.heads import Heads

    heads = heads if heads is not None else Heads.load()
    dialogue = [ln for ln in project.ordered() if ln.is_dialogue]
    if not dialogue:
        return None
    feats = extract_features(video, dialogue, cache_dir=cache_dir, device=device,
                             progress=SubProgress(progress, 0.0, 0.9), cancel=cancel)
    check_cancel(cancel)
    result = cluster_lines(feats, heads=heads, constraints=Constraints.from_project(project), library=library,
                           method=method, progress=SubProgress(progress, 0.9, 1.0), cancel=cancel)
    log.info("grouped %d lines into %d groups", len(dialogue),
             len({c for c in result.assignment.values() if c is not None}))
    return AssignClusters(result.assignment, names=result.names, confidences=result.confidences)
