"""A season's roster: the characters named in its labeled episodes, and the character library built from them.

Opening an episode of a season shows who was named before (name, line count, a portrait: the character crop of
that name's most confident line, by the image branch's own crop), how far each episode's review is (lines checked
/ dialogue lines), and grouping the new episode names its groups from the earlier ones through the character
library (:class:`~svsg_desktop.core.grouping.library.CharacterLibrary`, built here from the labeled episodes'
cached features, used as is). GUI-free: the app and any script call the same functions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .errors import InputError
from .progress import ProgressFn, SubProgress, check_cancel, no_progress
from .project import Project

log = logging.getLogger(__name__)

#: Frames of the same episode used as the background model of a portrait (image.py needs a few of the set).
BACKGROUND_FRAMES = 12


@dataclass(frozen=True)
class Character:
    name: str
    lines: int               # dialogue lines with this name, over the season's labeled episodes
    episodes: int            # episodes where the name occurs
    video: str               # the episode and the line of the portrait (the most confident line of the name)
    line_id: str
    at_ms: int               # middle of that line


@dataclass(frozen=True)
class EpisodeProgress:
    video: str
    checked: int             # dialogue lines a person placed or confirmed
    total: int               # dialogue lines
    named: int               # dialogue lines with a speaker name

    @property
    def done(self) -> bool:
        return self.total > 0 and self.checked == self.total


def named_lines(project: Project) -> dict[str, str]:
    """Dialogue line id → speaker name, for the lines that have one (a named group's name or the line's own)."""
    out = {}
    for lid in project.order:
        ln = project.lines[lid]
        if ln.is_dialogue:
            name = project.speaker_of(lid)
            if name:
                out[lid] = name
    return out


def progress_of(project: Project) -> EpisodeProgress:
    dialogue = [ln for ln in project.lines.values() if ln.is_dialogue]
    names = named_lines(project)
    return EpisodeProgress(project.video or "", sum(ln.pinned for ln in dialogue), len(dialogue), len(names))


def roster(projects: Iterable[Project]) -> list[Character]:
    """The characters of the given (labeled) episodes, most lines first. A name with ``/`` (several speakers on
    one line) is not a character. The portrait line is the most confident one (checked lines first)."""
    count: dict[str, int] = {}
    eps: dict[str, set[str]] = {}
    best: dict[str, tuple[tuple, str, str, int]] = {}
    for p in projects:
        for lid, name in named_lines(p).items():
            if "/" in name:
                continue
            ln = p.lines[lid]
            count[name] = count.get(name, 0) + 1
            eps.setdefault(name, set()).add(p.video or "")
            key = (ln.pinned, ln.confidence if ln.confidence is not None else -1.0, ln.duration)
            if name not in best or key > best[name][0]:
                best[name] = (key, p.video or "", lid, (ln.start + ln.end) // 2)
    chars = [Character(n, count[n], len(eps[n]), best[n][1], best[n][2], best[n][3]) for n in count]
    return sorted(chars, key=lambda c: (-c.lines, c.name.casefold()))


def portraits(characters: Sequence[Character], projects: Sequence[Project], *, max_side: int = 320,
              progress: ProgressFn = no_progress, cancel=None) -> dict[str, np.ndarray]:
    """Name → RGB character crop (square) of the portrait line, cut as the image branch cuts it: the frame at
    the line's middle against a background model from other frames of the same episode. A name whose video
    cannot be read gets no portrait."""
    from .features.image import line_crops
    from .media.frames import FrameTarget, grab_frames

    by_video: dict[str, list[Character]] = {}
    for c in characters:
        by_video.setdefault(c.video, []).append(c)
    order = {p.video: p for p in projects}
    out: dict[str, np.ndarray] = {}
    for k, (video, chars) in enumerate(by_video.items()):
        check_cancel(cancel)
        if not video or not Path(video).is_file():
            continue
        times = [c.at_ms for c in chars] + _background_times(order.get(video), {c.line_id for c in chars})
        targets = [FrameTarget(t, t - 1000, t + 1000) for t in times]
        try:
            grab = grab_frames(video, targets, max_side=max_side, progress=SubProgress(
                progress, k / len(by_video), (k + 1) / len(by_video)), cancel=cancel)
        except (InputError, OSError) as exc:
            log.warning("no portraits from %s: %s", video, exc)
            continue
        have = [i for i in range(len(times)) if i in grab.frames]
        if not have:
            continue
        crops = line_crops([grab.frames[i] for i in have], [[] for _ in have])
        for j, i in enumerate(have):
            if i < len(chars):
                out[chars[i].name] = crops[j].image
    return out


def _background_times(project: Project | None, skip: set[str]) -> list[int]:
    if project is None:
        return []
    others = [ln for ln in project.ordered() if ln.is_dialogue and ln.id not in skip]
    step = max(1, len(others) // BACKGROUND_FRAMES)
    return [(ln.start + ln.end) // 2 for ln in others[::step][:BACKGROUND_FRAMES]]


def labeled_episodes(projects: Sequence[Project], *, cache_dir: str | Path | None = None, device: str = "auto",
                     progress: ProgressFn = no_progress, cancel=None) -> list:
    """The labeled lines of each episode with their features (from the feature cache when the episode was
    grouped before), as the character library reads them."""
    from .features import extract_features
    try:
        from .training import LabeledEpisode          # after the grouping/training split
    except ImportError:
        from .training.training import LabeledEpisode

    usable = [p for p in projects if p.video and Path(p.video).is_file() and named_lines(p)]
    out = []
    for k, p in enumerate(usable):
        check_cancel(cancel)
        names = named_lines(p)
        lines = [p.lines[lid] for lid in p.order if p.lines[lid].is_dialogue]
        feats = extract_features(p.video, lines, cache_dir=cache_dir, device=device, cancel=cancel,
                                 progress=SubProgress(progress, k / len(usable), (k + 1) / len(usable)))
        out.append(LabeledEpisode.from_features(Path(p.video).stem, feats, names))
    return out


def season_library(projects: Sequence[Project], **kwargs):
    """The character library of the labeled episodes (``None`` when nobody has named a line yet)."""
    from .grouping.library import CharacterLibrary

    episodes = labeled_episodes(projects, **kwargs)
    if not episodes:
        return None
    try:
        return CharacterLibrary.build(episodes)
    except InputError as exc:          # named lines, but none with a usable voice
        log.info("no character library: %s", exc)
        return None
