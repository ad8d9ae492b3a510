"""A tiny season for tests (and docs/make_screenshots.py): episodes of the same cast (one seed, different line counts: `svsg demo make`), and
a stand-in annotator that names groups from the episode's ground truth (majority vote)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from svsg_desktop.core.demo import make_episode, read_truth_csv

SEASON = dict(seed=7, minutes=0.8, n_speakers=3, difficulty="easy")


def make_season(folder: Path, episodes: int = 3) -> list[Path]:
    """``ep01.mp4`` … with subtitles and ``epNN_truth.csv``; the same three characters in every episode."""
    return [Path(make_episode(folder, n_lines=14 + 2 * k, name=f"ep{k + 1:02d}", **SEASON).video)
            for k in range(episodes)]


def truth_names(video: Path) -> dict[tuple[int, int], str]:
    truth = read_truth_csv(video.with_name(video.stem + "_truth.csv"))
    return {(t.start, t.end): t.speaker for t in truth if t.speaker}


def majority_names(project, video: Path) -> dict[int, str]:
    """Group id → the true speaker most of its lines have (what a person would type), each name once."""
    truth = truth_names(video)
    out: dict[int, str] = {}
    sizes = project.cluster_sizes()
    for cid in sorted(project.clusters, key=lambda c: -sizes.get(c, 0)):
        votes = Counter(truth.get((project.lines[i].start, project.lines[i].end), "")
                        for i in project.line_ids_in(cid))
        name = votes.most_common(1)[0][0]
        if name and name not in out.values():
            out[cid] = name
    return out
