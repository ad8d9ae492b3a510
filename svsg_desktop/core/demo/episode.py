"""``make_episode``: a deterministic (for a seed) short multi-speaker episode — mp4 (H.264 + AAC), SRT, ASS and the
ground-truth CSV — used by the team for tests, training and benchmarks."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from ..errors import InputError
from ..lines import Line
from ..progress import ProgressFn, SubProgress, check_cancel, no_progress
from . import audio as aud
from . import corpus, draw
from .encode import encode_mp4
from .errors import DemoSettingsError
from .files import TruthLine, write_subtitles, write_truth_csv
from .script import DIFFICULTY, Character, PlannedLine, make_cast, plan_lines

log = logging.getLogger(__name__)

OPENING_S = 4.0     # the title card (sign line) with opening music
MIN_GAP_S = 0.4     # minimum silence between two lines' speech


@dataclass
class DemoEpisode:
    video: Path
    srt: Path
    ass: Path
    truth_csv: Path
    lines: list[TruthLine]
    speakers: list[str]
    cast: list[Character] = field(repr=False)
    seed: int = 0
    duration_s: float = 0.0
    width: int = 0
    height: int = 0
    fps: int = 0
    difficulty: str = "normal"
    seconds: float = 0.0          # wall time it took to make

    def to_lines(self) -> list[Line]:
        """The truth as core :class:`Line` records (ids L00001…, the sign line flagged non-dialogue)."""
        return [t.to_line(i) for i, t in enumerate(self.lines)]


@dataclass(frozen=True)
class _Shot:
    t0: float
    t1: float
    location: int | None               # index into draw.LOCATIONS; None = the title card
    shown: tuple[int, ...]
    placements: tuple[tuple[float, float, float], ...]
    speaker: int | None
    speech: tuple[float, float]


def make_episode(out_dir: str | Path, *, seed: int = 0, minutes: float = 1.0, n_speakers: int = 4,
                 width: int = 640, height: int = 360, fps: int = 12, difficulty: str = "normal",
                 n_lines: int | None = None, name: str = "episode", preset: str = "ultrafast", gop: int = 250,
                 scenecut: bool = True,
                 progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> DemoEpisode:
    """Write ``{name}.mp4``, ``.srt``, ``.ass`` and ``{name}_truth.csv`` into ``out_dir``.

    ``n_lines`` defaults to 16 dialogue lines per minute (22 minutes → 352), plus one opening sign line.
    Video: libx264 ``preset``, a keyframe at least every ``gop`` frames, and (``scenecut``) at shot changes as
    x264 does by default; ``scenecut=False`` gives strictly ``gop``-spaced keyframes (the worst case for seeking).
    The same arguments give the same subtitles, truth and audio samples."""
    t_start = time.monotonic()
    check_cancel(cancel)
    if difficulty not in DIFFICULTY:
        raise DemoSettingsError(f"difficulty must be one of {', '.join(DIFFICULTY)}, got {difficulty!r}")
    if width % 2 or height % 2 or width < 64 or height < 64:
        raise DemoSettingsError(f"width and height must be even and at least 64, got {width}x{height}")
    if not 0.2 <= minutes <= 60:
        raise DemoSettingsError(f"minutes must be between 0.2 and 60, got {minutes}")
    if n_lines is None:
        n_lines = max(4, int(round(minutes * 16)))
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"cannot create the output folder: {err}", path=str(out_dir)) from err

    ss = np.random.SeedSequence(seed)
    r_script, r_time, r_visual, r_audio = (np.random.default_rng(s) for s in ss.spawn(4))
    cast = make_cast(r_script, n_speakers, difficulty)
    n_loc = int(min(len(draw.LOCATIONS), max(3, 2 + round(minutes))))
    loc_ids = [int(i) for i in r_script.permutation(len(draw.LOCATIONS))[:n_loc]]
    plan = plan_lines(r_script, cast, n_lines, n_loc, difficulty)
    sign_text = corpus.SIGN_TEXTS[int(r_script.integers(len(corpus.SIGN_TEXTS)))].format(n=seed % 100 + 1)

    progress(0.0, "synthesising speech")
    clips = aud.synthesize_all([(p.text, p.lang, cast[p.speaker].variant, p.pitch, p.speed) for p in plan],
                               progress=SubProgress(progress, 0.0, 0.3), cancel=cancel)
    check_cancel(cancel)
    duration = minutes * 60.0
    speech = _place_speech(r_time, plan, [len(c) / aud.RATE for c in clips], duration)
    lines = _truth_lines(r_time, plan, cast, speech, loc_ids, sign_text, duration)

    progress(0.3, "mixing audio")
    track = _mix(r_audio, plan, clips, speech, lines, duration, difficulty)
    del clips
    check_cancel(cancel)

    shots = _shots(r_visual, plan, speech, loc_ids, width, height, duration)
    card_colour = tuple(int(c) for c in r_visual.integers(60, 230, 3))
    n_frames = int(round(duration * fps))
    video = out_dir / f"{name}.mp4"
    frame_at = _FrameSource(shots, cast, fps, width, height, card_colour)
    encode_mp4(video, frame_at, n_frames, track, aud.RATE, fps=fps, width=width, height=height, preset=preset,
               gop=gop, scenecut=scenecut, progress=SubProgress(progress, 0.35, 0.98), cancel=cancel)

    srt, ass, truth = out_dir / f"{name}.srt", out_dir / f"{name}.ass", out_dir / f"{name}_truth.csv"
    write_subtitles(lines, srt, ass, width, height)
    write_truth_csv(lines, truth)
    progress(1.0, "done")
    seconds = time.monotonic() - t_start
    log.info("demo episode %s: %d lines, %.0f s, %dx%d, made in %.1f s", video, len(lines), duration, width,
             height, seconds)
    return DemoEpisode(video=video, srt=srt, ass=ass, truth_csv=truth, lines=lines,
                       speakers=[c.name for c in cast], cast=cast, seed=seed, duration_s=duration, width=width,
                       height=height, fps=fps, difficulty=difficulty, seconds=seconds)


def _place_speech(rng, plan: list[PlannedLine], durs: list[float], duration: float) -> list[tuple[float, float]]:
    """Start/end (s) of each line's speech: gaps between lines are random, longer at scene changes."""
    total = float(sum(durs))
    avail = duration - OPENING_S - 0.6
    free = avail - total - MIN_GAP_S * len(plan)
    if free < 0:
        raise DemoSettingsError(f"{len(plan)} lines ({total:.0f} s of speech) do not fit in {duration / 60:.2f} minutes: "
                         "ask for fewer lines or more minutes")
    w = np.array([3.0 if i > 0 and plan[i].scene != plan[i - 1].scene else 1.0 for i in range(len(plan))] + [0.5])
    share = rng.dirichlet(w * 2.0)
    t = OPENING_S
    out = []
    for i, d in enumerate(durs):
        t += MIN_GAP_S + free * share[i]
        out.append((t, t + d))
        t += d
    return out


def _truth_lines(rng, plan, cast, speech, loc_ids, sign_text, duration) -> list[TruthLine]:
    lines = [TruthLine(start=500, end=int(OPENING_S * 1000) - 500, speaker="", text=sign_text, location="",
                       visible=(), lang="en", music=True, speech_start=500, speech_end=int(OPENING_S * 1000) - 500,
                       style="Sign")]
    prev_end = lines[0].end
    for i, (p, (s0, s1)) in enumerate(zip(plan, speech)):
        nxt = speech[i + 1][0] if i + 1 < len(plan) else duration - 0.1
        start = max(s0 - rng.uniform(0.05, 0.25), prev_end / 1000 + 0.05)
        end = min(s1 + rng.uniform(0.1, 0.4), nxt - 0.15)
        end = max(end, min(start + 0.7, nxt - 0.15))
        start_ms = int(np.floor(start * 100)) * 10
        end_ms = int(np.ceil(end * 100)) * 10
        lines.append(TruthLine(start=start_ms, end=end_ms, speaker=cast[p.speaker].name, text=p.text,
                               location=draw.LOCATIONS[loc_ids[p.location]].name,
                               visible=tuple(cast[c].name for c in p.shown), lang=p.lang, music=p.music,
                               speech_start=int(round(s0 * 1000)), speech_end=int(round(s1 * 1000))))
        prev_end = end_ms
    return lines


def _mix(rng, plan, clips, speech, lines, duration, difficulty) -> np.ndarray:
    d = DIFFICULTY[difficulty]
    n = int(round(duration * aud.RATE))
    track = np.zeros(n, np.float32)
    for clip, (s0, _) in zip(clips, speech):
        a = int(round(s0 * aud.RATE))
        m = min(len(clip), n - a)
        track[a:a + m] += clip[:m]
    # Music cues: the opening, and each run of consecutive music lines (with half a second either side).
    cues = [(0.0, OPENING_S - 0.2, -12.0)]
    i = 0
    while i < len(plan):
        if plan[i].music:
            j = i
            while j + 1 < len(plan) and plan[j + 1].music:
                j += 1
            cues.append((max(0.0, lines[i + 1].start / 1000 - 0.5), min(duration, lines[j + 1].end / 1000 + 0.5),
                         d["music_db"]))
            i = j + 1
        else:
            i += 1
    for t0, t1, level in cues:
        a, b = int(t0 * aud.RATE), min(n, int(t1 * aud.RATE))
        if b > a:
            track[a:b] += aud.music(rng, b - a, level)
    aud.add_noise(track, rng, d["noise_db"])
    peak = float(np.abs(track).max())
    if peak > 0.98:
        track *= 0.98 / peak
    return track


def _placements(rng, k: int, width: int, height: int):
    if k == 1:
        return [(width * (0.5 + rng.uniform(-0.18, 0.18)), rng.uniform(0.92, 1.1), height * rng.uniform(-.02, .06))]
    xs = (0.3, 0.7) if rng.random() < 0.5 else (0.32, 0.68)
    return [(width * (x + rng.uniform(-0.05, 0.05)), rng.uniform(0.8, 0.92), height * rng.uniform(0.0, .08))
            for x in xs[:k]]


def _shots(rng, plan, speech, loc_ids, width, height, duration) -> list[_Shot]:
    """One shot per line, cut halfway through the gaps; the title card before the first line."""
    first = (OPENING_S + speech[0][0]) / 2 if plan else duration
    shots = [_Shot(0.0, first, None, (), (), None, (0.0, 0.0))]
    for i, p in enumerate(plan):
        t1 = (speech[i][1] + speech[i + 1][0]) / 2 if i + 1 < len(plan) else duration
        places = tuple(_placements(rng, len(p.shown), width, height))
        shots.append(_Shot(shots[-1].t1, t1, loc_ids[p.location], p.shown, places, p.speaker, speech[i]))
    return shots


class _FrameSource:
    """``frame_at(k)`` for increasing ``k``: draws each shot when the encoder reaches it (two pictures: mouth
    closed/open), converts it to yuv420p once with swscale, and keeps only the current shot in memory."""

    def __init__(self, shots: list[_Shot], cast, fps: int, width: int, height: int, card_colour) -> None:
        self.shots, self.cast, self.fps, self.width, self.height = shots, cast, fps, width, height
        self.card_colour = card_colour
        self.starts = np.array([s.t0 for s in shots])
        self.bgs: dict[int, np.ndarray] = {}
        self.current = -1
        self.frames: tuple = ()

    def _yuv(self, rgb: np.ndarray):
        return av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")

    def _load(self, i: int) -> None:
        shot = self.shots[i]
        if shot.location is None:
            self.frames = (self._yuv(draw.title_card(self.width, self.height, self.card_colour)), None)
        else:
            if shot.location not in self.bgs:
                self.bgs[shot.location] = draw.background(draw.LOCATIONS[shot.location], self.width, self.height)
            bg = self.bgs[shot.location]
            closed = self._yuv(draw.render_shot(bg, self.cast, shot.shown, shot.placements, shot.speaker, False))
            opened = None
            if shot.speaker in shot.shown:
                opened = self._yuv(draw.render_shot(bg, self.cast, shot.shown, shot.placements, shot.speaker, True))
            self.frames = (closed, opened)
        self.current = i

    def __call__(self, k: int):
        t = (k + 0.5) / self.fps
        i = max(0, int(np.searchsorted(self.starts, t, side="right")) - 1)
        if i != self.current:
            self._load(i)
        shot = self.shots[i]
        closed, opened = self.frames
        if opened is not None and shot.speech[0] <= t < shot.speech[1] and (k * 5 // self.fps) % 2 == 0:
            return opened
        return closed
