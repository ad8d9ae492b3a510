"""An episode on disk and a season folder, for the command line and the app alike (GUI-free).

One owner for every decision about files: which files are videos, the subtitles beside a video, where its
project CSV lives (``VIDEO.svsg.csv``; the app's old ``STEM.speakers.csv`` is still read), the episode's
lines (subtitles, else voice activity detection: :func:`~svsg_desktop.core.pipeline.read_lines`), the feature cache
(:func:`~svsg_desktop.core.paths.cache_dir`), the grouping method and device defaults, and the labeling job.
``svsg label`` / ``extract`` / ``batch`` / ``demo run`` and the window's File and Tools actions call these
functions, so the two can never disagree.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from . import paths, season_file
from .commands import AssignClusters
from .errors import InputError
from .grouping.heads import METHODS, Heads
from .io.project_csv import load_project, save_project
from .lines import Line
from .models.runtime import DEVICES  # noqa: F401 - the one list of devices, for the CLI and the app
from .pipeline import grouping_command, read_lines
from .preflight import check_episode, probe_media
from .progress import ProgressFn, SubProgress, check_cancel, no_progress
from .project import Project

log = logging.getLogger(__name__)

VIDEO_EXTENSIONS = (".mp4", ".mkv", ".avi", ".mov", ".webm", ".m4v", ".ts", ".m2ts", ".flv", ".wmv", ".mpg",
                    ".mpeg")
SUBTITLE_EXTENSIONS = (".ass", ".ssa", ".srt", ".vtt", ".csv")    # preferred first (a labeled CSV last)
PROJECT_SUFFIX = ".svsg.csv"              # ep01.mkv → ep01.mkv.svsg.csv
LEGACY_PROJECT_SUFFIX = ".speakers.csv"   # the app's old name, ep01.mkv → ep01.speakers.csv: read, not written
AUTO = "auto"
METHOD_CHOICES = (AUTO,) + tuple(METHODS)   # auto = the method the grouping heads were validated best with


def method_arg(method: str | None) -> str | None:
    """A method setting → what the engine takes: None for ``auto`` (the heads' validated choice)."""
    if method in (None, "", AUTO):
        return None
    if method not in METHODS:
        raise InputError(f"unknown grouping method {method!r} (one of {', '.join(METHOD_CHOICES)})",
                         code="bad_method")
    return method


def is_video(path: str | Path) -> bool:
    return Path(path).suffix.lower() in VIDEO_EXTENSIONS


def is_project_csv(path: str | Path) -> bool:
    name = Path(path).name.lower()
    return name.endswith(PROJECT_SUFFIX) or name.endswith(LEGACY_PROJECT_SUFFIX)


def find_subtitles(video: str | Path) -> Path | None:
    """Subtitles beside a video, by name: ``ep.ass`` / ``ep.srt`` … (in :data:`SUBTITLE_EXTENSIONS` order), then
    ``ep.<lang>.ass`` … (first by name). A labeled CSV only by the same stem (``ep.csv``: ``ep.labels.csv`` and
    ``ep.haruhi.csv`` are exports); project CSVs never."""
    v = Path(video)
    try:
        siblings = sorted(p for p in v.parent.iterdir() if p.is_file() and not is_project_csv(p))
    except OSError:
        return None
    rank = {ext: k for k, ext in enumerate(SUBTITLE_EXTENSIONS)}
    subs = [p for p in siblings if p.suffix.lower() in rank]
    exact = [p for p in subs if p.stem == v.stem]
    loose = [p for p in subs if p.name.startswith(v.stem + ".") and p.suffix.lower() != ".csv"]   # not exports
    for cands in (exact, loose):
        if cands:
            return min(cands, key=lambda p: rank[p.suffix.lower()])    # min is stable: first by name
    return None


def _project_names(video: Path) -> tuple[str, str]:
    return video.name + PROJECT_SUFFIX, video.stem + LEGACY_PROJECT_SUFFIX


def project_path(video: str | Path) -> Path:
    """Where a video's project CSV is written: ``VIDEO.svsg.csv`` beside it, or in the app's data folder when the
    video's folder is read-only (a DVD, a shared drive)."""
    v = Path(video)
    beside = v.with_name(_project_names(v)[0])
    if beside.is_file() or os.access(v.parent, os.W_OK):
        return beside
    return paths.data_dir() / "projects" / beside.name


def saved_project(video: str | Path) -> Path | None:
    """The project CSV to reopen for a video, if any: ``VIDEO.svsg.csv`` or the old ``STEM.speakers.csv``, beside
    the video or in the data folder. Where several exist (``svsg label`` run after the old app, or before it), the
    most recently written one: that is the latest work; on a tie the new name, then the one beside the video."""
    v = Path(video)
    found = [folder / name for name in _project_names(v) for folder in (v.parent, paths.data_dir() / "projects")
             if (folder / name).is_file()]
    if not found:
        return None
    return max(found, key=lambda p: p.stat().st_mtime_ns)     # max keeps the first of equals


@dataclass(frozen=True)
class Episode:
    """One video of a season with its subtitles and saved project CSV (None when absent). ``missing``: listed in
    the season file but not on disk (an unplugged drive, a moved file)."""
    video: Path
    subtitles: Path | None
    project: Path | None

    @classmethod
    def of(cls, video: str | Path) -> "Episode":
        v = Path(video)
        return cls(v, find_subtitles(v), saved_project(v))

    @property
    def missing(self) -> bool:
        return not self.video.is_file()


def season(folder: str | Path, problems: list[InputError] | None = None) -> list[Episode]:
    """The videos of a folder (a season) and the episodes its season file adds from other folders
    (:mod:`~svsg_desktop.core.season_file`), sorted by name, each once, with its subtitles and project CSV. A
    damaged season file costs only the added episodes: its InputError goes to ``problems`` (else the log)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("not a folder", path=str(folder), code="not_a_folder")
    videos = [p for p in folder.iterdir() if p.is_file() and is_video(p)]
    try:
        listed = season_file.read_listed(folder)
    except InputError as exc:
        (problems.append if problems is not None else log.warning)(exc)
        listed = []
    seen = {os.path.normcase(p.resolve()) for p in videos}
    for p in listed:
        key = os.path.normcase(p.resolve())
        if key not in seen:
            seen.add(key)
            videos.append(p)
    return [Episode.of(v) for v in sorted(videos, key=lambda q: (q.name.casefold(), str(q)))]


def add_to_season(folder: str | Path, video: str | Path) -> bool:
    """Add an episode from another folder to the season of ``folder`` (its season file, written atomically; the
    folder remembered so that :func:`season_of` finds it). False when it belongs to the season already."""
    folder, video = Path(folder), Path(video)
    if not folder.is_dir():
        raise InputError("not a folder", path=str(folder), code="not_a_folder")
    if not video.is_file() or not is_video(video):
        raise InputError("not a video file", path=str(video), code="no_file")
    if video.resolve().parent == folder.resolve():
        return False
    added = season_file.add_listed(folder, video)
    season_file.remember_season(folder)
    return added


def season_of(video: str | Path) -> Path:
    """The season folder of an episode: the most recently used season folder whose season file lists it, else
    its own folder."""
    return season_file.listing_season(video) or Path(video).parent


@dataclass
class EpisodeLines:
    lines: list[Line]
    warnings: list[str]
    subtitles: Path | None         # None: the lines come from voice activity detection


def episode_lines(video: str | Path, subtitles: str | Path | None = None, *, vad: bool = True, beside: bool = True,
                  progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> EpisodeLines:
    """The episode's lines: the given subtitles, else those found beside the video (unless ``beside`` is False),
    else (when ``vad``) speech found by voice activity detection. Without subtitles and ``vad=False``:
    InputError(code=no_subtitles)."""
    video = Path(video)
    if not video.is_file():
        raise InputError("no such video file", path=str(video), code="no_file")
    subs = Path(subtitles) if subtitles else (find_subtitles(video) if beside else None)
    if subs is None and not vad:
        raise InputError("no subtitles found beside the video", path=str(video), code="no_subtitles")
    lines, warnings = read_lines(video, subs, progress=progress, cancel=cancel)
    return EpisodeLines(lines, warnings, subs)


@dataclass
class Opened:
    project: Project
    path: Path                     # where the project CSV is written
    warnings: list[str]
    reopened: Path | None = None   # the saved project CSV it was read from (None: built from its lines)


def open_episode(video: str | Path, subtitles: str | Path | None = None, *, vad: bool = True,
                 progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> Opened:
    """Reopen the video's project CSV when there is one and no subtitles are given (every correction restored; an
    old ``.speakers.csv`` is read and then saved under the one name); else a new project from its lines."""
    video = Path(video)
    saved = saved_project(video) if subtitles is None else None
    if saved is not None and video.is_file():
        project = load_project(saved)
        project.video = project.video or str(video)
        return Opened(project, project_path(video), [], saved)
    got = episode_lines(video, subtitles, vad=vad, progress=progress, cancel=cancel)
    project = Project.from_lines(got.lines, video=str(video), subtitles=str(got.subtitles) if got.subtitles else None)
    return Opened(project, project_path(video), got.warnings)


def save(project: Project, path: str | Path) -> Path:
    """Write the project CSV (atomically, utf-8-sig)."""
    save_project(project, path)
    return Path(path)


def label_job(project: Project, *, method: str | None = None, device: str = AUTO,
              cache_dir: str | Path | None = None, heads=None, library=None, progress: ProgressFn = no_progress,
              cancel: threading.Event | None = None) -> AssignClusters | None:
    """The labeling job: groups for the project's lines, as one command for the caller to apply (the app through
    its undo stack; lines a human pinned never move). Reads a snapshot, so the project may change meanwhile.
    ``method`` None/``auto`` = the heads' validated choice; the feature cache defaults to :func:`paths.cache_dir`."""
    if not project.video:
        raise InputError("the project has no video to analyse", code="no_video")
    if not Path(project.video).is_file():
        raise InputError("no such video file", path=str(project.video), code="no_such_file")
    snapshot = project.copy()
    check_cancel(cancel)
    return grouping_command(snapshot.video, snapshot, heads=heads, library=library, method=method_arg(method),
                            cache_dir=paths.cache_dir() if cache_dir is None else cache_dir, device=device,
                            progress=progress, cancel=cancel)


def label(video: str | Path, subtitles: str | Path | None = None, *, beside: bool = True, method: str | None = None,
          device: str = AUTO, cache_dir: str | Path | None = None, heads=None, library=None, progress: ProgressFn = no_progress,
          cancel: threading.Event | None = None) -> Opened:
    """A new project from the episode's lines, labeled (``svsg label``, ``svsg demo run``). Not saved: the caller
    decides where (:func:`save`, default :func:`project_path`)."""
    heads = heads if heads is not None else Heads.load()      # fail early, before the slow part
    media = probe_media(video) if Path(video).is_file() else None   # damaged media refused in plain words, at once
    got = episode_lines(video, subtitles, beside=beside, progress=SubProgress(progress, 0.0, 0.1), cancel=cancel)
    project = Project.from_lines(got.lines, video=str(video), subtitles=str(got.subtitles) if got.subtitles else None)
    for warning in check_episode(video, media, project.ordered()):   # no audio / all cues past the end: refused
        log.warning("%s", warning)
        got.warnings.append(warning)
    command = label_job(project, method=method, device=device, cache_dir=cache_dir, heads=heads, library=library,
                        progress=SubProgress(progress, 0.1, 1.0), cancel=cancel)
    if command is not None:
        command.apply(project)
    progress(1.0, "labeled")
    return Opened(project, project_path(video), got.warnings)


def group_count(project: Project) -> int:
    return len({ln.cluster for ln in project.lines.values() if ln.cluster is not None})
