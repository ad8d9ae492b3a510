"""What the window's File/Tools actions do, as plain functions (testable without widgets). Every decision about
an episode on disk (subtitles beside a video, the project CSV's name, lines from subtitles or voice detection,
the feature cache, the grouping defaults) is the workspace's (``core/workspace.py``), shared with the command
line; this module only adds what is the app's own: the demo copy in its data folder and group thumbnails."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..core import paths, workspace
from ..core.errors import InputError
from ..core.progress import no_progress
from ..core.project import Project

log = logging.getLogger(__name__)


def demo_copy() -> Path:
    """The prebuilt demo episode copied into the app's data folder (so the app never writes into its own
    resources); returns the copied video."""
    from ..core.demo.prebuilt import copy_demo

    return copy_demo(paths.data_dir() / "demo").video


def project_from_video(video: str | Path, subtitles: str | Path | None = None) -> tuple[Project, Path, list[str]]:
    """Reopen the video's project CSV when there is one (every correction restored); else import its subtitles.
    Returns (project, project CSV path, import warnings). Without subtitles, raises InputError(code=no_subtitles):
    the caller then runs voice detection (:func:`vad_project`) as a job."""
    opened = workspace.open_episode(video, subtitles, vad=False)
    return opened.project, opened.path, opened.warnings


def project_from_csv(path: str | Path) -> tuple[Project, Path]:
    """A project CSV opens as itself. A labeled CSV (Chat-Haruhi, ``start,end,speaker,text``) is a source: its
    project lives beside it as ``NAME.svsg.csv`` (reopened when it exists), so the labeled file is never
    rewritten. Returns (project, project CSV path)."""
    from ..core.io import load_project
    from ..core.safety import project_path_for_labeled, same_file

    path = Path(path)
    project = load_project(path)
    if not (project.subtitles and same_file(project.subtitles, path)):
        return project, path
    target = project_path_for_labeled(path)
    return (load_project(target), target) if target.is_file() else (project, target)


def corrections_in(path: str | Path) -> int | None:
    """How many human corrections the project CSV at ``path`` holds (``None``: there is no project there; a
    project that cannot be read counts as 0 here: opening it reports the problem)."""
    from ..core.io import load_project

    if not Path(path).is_file():
        return None
    try:
        return len(load_project(path).corrections)
    except (InputError, OSError):
        return 0


def vad_project(video: str | Path, *, progress=no_progress, cancel=None) -> workspace.Opened:
    """Lines from voice activity detection, for a video without subtitles (a job: runs in the job runner)."""
    from ..core.preflight import probe_media

    probe_media(video)        # an empty or damaged file in plain words, not FFmpeg's errno text
    return workspace.open_episode(video, progress=progress, cancel=cancel)


def grab_thumbnails(video: str, times: dict[int, int], *, max_side: int = 160, progress=no_progress,
                    cancel=None) -> dict[int, object]:
    """One frame per group (at its representative line's middle) → ``{group: HxWx3 uint8 RGB}``."""
    from ..core.media.frames import FrameTarget, grab_frames

    keys = list(times)
    targets = [FrameTarget(int(times[k]), int(times[k]) - 2000, int(times[k]) + 2000) for k in keys]
    if not targets or not os.path.isfile(video):
        return {}
    grab = grab_frames(video, targets, max_side=max_side, method="seek", progress=progress, cancel=cancel)
    return {keys[i]: frame for i, frame in grab.frames.items()}
