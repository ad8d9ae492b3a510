"""What the window's File/Tools actions do, as plain functions (testable without widgets): find the subtitles
beside a video, where its project CSV lives, build or reopen a project, list a season folder, run the pipeline,
grab group thumbnails. Everything goes through the core API."""

from __future__ import annotations

import inspect
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from ..core.progress import check_cancel, no_progress
from ..core.project import Project

log = logging.getLogger(__name__)

VIDEO_EXTENSIONS = (".mp4", ".mkv", ".avi", ".mov", ".webm", ".m4v", ".ts", ".m2ts", ".flv", ".wmv", ".mpg")
SUBTITLE_PREFERENCE = (".ass", ".ssa", ".srt", ".vtt")
PROJECT_SUFFIX = ".speakers.csv"


def is_video(path: str | Path) -> bool:
    return Path(path).suffix.lower() in VIDEO_EXTENSIONS


def find_subtitles(video: str | Path) -> Path | None:
    """Subtitles beside a video, by name: ``ep.ass`` / ``ep.srt`` …, then ``ep.<lang>.ass`` (first by name)."""
    v = Path(video)
    for ext in SUBTITLE_PREFERENCE:
        for cand in (v.with_suffix(ext), v.with_suffix(ext.upper())):
            if cand.is_file():
                return cand
    try:
        siblings = sorted(v.parent.iterdir())
    except OSError:
        return None
    for ext in SUBTITLE_PREFERENCE:
        for cand in siblings:
            if cand.suffix.lower() == ext and cand.name.startswith(v.stem + ".") and cand.is_file():
                return cand
    return None


def data_dir() -> Path:
    """The app's own writable folder (``$SVSG_DATA_DIR``, else the platform's app-data folder)."""
    env = os.environ.get("SVSG_DATA_DIR")
    if env:
        return Path(env)
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation)
    return Path(base) if base else Path.home() / ".svsg"


def project_path_for(video: str | Path) -> Path:
    """The project CSV of a video: ``ep.speakers.csv`` beside ``ep.mp4`` (in the app's data folder when the
    video's folder is read-only, e.g. a DVD or a shared drive)."""
    v = Path(video)
    beside = v.with_name(v.stem + PROJECT_SUFFIX)
    if beside.is_file() or os.access(v.parent, os.W_OK):
        return beside
    return data_dir() / "projects" / beside.name


def demo_copy() -> Path:
    """The prebuilt demo episode copied into the app's data folder (so the app never writes into its own
    resources); returns the copied video."""
    import shutil

    from ..core.demo.prebuilt import demo_files

    files = demo_files()
    dest = data_dir() / "demo"
    dest.mkdir(parents=True, exist_ok=True)
    for src in (files.video, files.srt, files.ass, files.truth_csv):
        target = dest / src.name
        if not target.is_file() or target.stat().st_size != src.stat().st_size:
            shutil.copy2(src, target)
    return dest / files.video.name


def project_from_video(video: str | Path, subtitles: str | Path | None = None) -> tuple[Project, Path, list[str]]:
    """Reopen the video's project CSV when there is one (every correction restored); else import its subtitles.
    Returns (project, project CSV path, import warnings). Without subtitles, raises InputError(code=no_subtitles):
    the caller then runs voice detection (:func:`vad_project`) as a job."""
    from ..core.io import load_project, load_subtitles

    video = Path(video)
    if not video.is_file():
        raise InputError("no such video file", path=str(video), code="no_file")
    path = project_path_for(video)
    if path.is_file() and subtitles is None:
        project = load_project(path)
        project.video = project.video or str(video)
        return project, path, []
    subs = Path(subtitles) if subtitles else find_subtitles(video)
    if subs is None:
        raise InputError("no subtitles found beside the video", path=str(video), code="no_subtitles")
    imported = load_subtitles(subs)
    project = Project.from_lines(imported.lines, video=str(video), subtitles=str(subs))
    return project, path, list(imported.warnings)


def vad_project(video: str | Path, *, progress=no_progress, cancel=None) -> Project:
    """Lines from voice activity detection, for a video without subtitles (a job: runs in the job runner)."""
    from ..core.features import vad_lines

    lines = vad_lines(str(video), progress=progress, cancel=cancel)
    return Project.from_lines(lines, video=str(video))


@dataclass(frozen=True)
class Episode:
    video: Path
    subtitles: Path | None
    project: Path | None


def season_episodes(folder: str | Path) -> list[Episode]:
    """The videos of a folder (a season), sorted by name, each with its subtitles and project CSV if present."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("not a folder", path=str(folder), code="not_a_folder")
    out = []
    for p in sorted(folder.iterdir(), key=lambda q: q.name.casefold()):
        if p.is_file() and is_video(p):
            proj = project_path_for(p)
            out.append(Episode(p, find_subtitles(p), proj if proj.is_file() else None))
    return out


def _accepts(fn, name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def pipeline_available() -> tuple[bool, str]:
    try:
        from ..core.pipeline import label_episode  # noqa: F401
    except ImportError as exc:
        return False, f"the grouping pipeline is not installed ({exc})"
    return True, ""


def label_job(project: Project, *, device: str = "auto", method: str | None = None, library=None,
              progress=no_progress, cancel=None) -> Project:
    """Run the pipeline on a copy of the project's state; returns the labeled project (the controller applies it
    as one undoable step; human-pinned lines never move)."""
    from ..core.pipeline import label_episode

    if not project.video:
        raise InputError("the project has no video to analyse", code="no_video")
    kwargs = {}
    if _accepts(label_episode, "device"):
        kwargs["device"] = device
    if method is not None and _accepts(label_episode, "method"):
        kwargs["method"] = method
    if _accepts(label_episode, "cache_dir"):
        kwargs["cache_dir"] = str(data_dir() / "cache")   # re-clustering reuses the extracted features
    if library is not None:
        kwargs["library"] = library                       # names from the season's labeled episodes
    copy = Project(lines=dict(project.lines), clusters={c: type(v)(v.id, v.name) for c, v in project.clusters.items()},
                   video=project.video, subtitles=project.subtitles, corrections=list(project.corrections),
                   order=list(project.order))
    check_cancel(cancel)
    return label_episode(project.video, None, copy, progress=progress, cancel=cancel, **kwargs)


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
