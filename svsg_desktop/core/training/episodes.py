"""Labeled episodes for training and evaluation: a video + a labeled CSV (ground truth or a project CSV) →
features (cached as .npz) + true labels."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ..errors import InputError
from ..progress import ProgressFn, check_cancel, no_progress
from .training import LabeledEpisode

log = logging.getLogger(__name__)
VIDEO_SUFFIXES = (".mp4", ".mkv", ".avi", ".mov", ".webm", ".m4v")


def find_episode_files(folder: Path) -> tuple[Path, Path]:
    """(video, labeled CSV) inside an episode folder: ``*_truth.csv`` preferred, else the one ``*.csv``."""
    videos = sorted(p for p in folder.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES)
    csvs = sorted(folder.glob("*_truth.csv")) or sorted(folder.glob("*.csv"))
    if len(videos) != 1 or not csvs:
        raise InputError(f"an episode folder needs exactly one video and a labeled CSV (found {len(videos)} "
                         f"video(s), {len(csvs)} CSV file(s))", path=str(folder), code="bad_episode_folder")
    return videos[0], csvs[0]


def load_labeled_episode(folder: str | Path, *, cache_dir: str | Path | None = None, device: str = "auto",
                         progress: ProgressFn = no_progress,
                         cancel: threading.Event | None = None) -> LabeledEpisode:
    from ..features import FeatureSet, extract_features
    from ..io.labeled_csv import load_labeled_csv

    folder = Path(folder)
    video, csv = find_episode_files(folder)
    imported = load_labeled_csv(csv)
    lines = [ln for ln in imported.lines]
    labels = {ln.id: (ln.speaker if ln.is_dialogue else "") for ln in lines}
    npz = folder / "features.npz"
    feats = None
    if npz.exists() and npz.stat().st_mtime >= max(video.stat().st_mtime, csv.stat().st_mtime):
        try:
            feats = FeatureSet.load(npz)
        except Exception as err:  # a stale or broken cache is recomputed, never trusted
            log.warning("ignoring feature cache %s: %s", npz, err)
        if feats is not None and list(feats.line_ids) != [ln.id for ln in lines]:
            feats = None
    if feats is None:
        check_cancel(cancel)
        feats = extract_features(video, lines, cache_dir=cache_dir, device=device, progress=progress,
                                 cancel=cancel)
        try:
            feats.save(npz)
        except OSError as err:
            log.warning("cannot cache features in %s: %s", npz, err)
    return LabeledEpisode.from_features(folder.name, feats, labels)
