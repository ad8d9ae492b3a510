"""One labeled episode from a list of spoken lines: speech placed with gaps on one 16 kHz track, subtitle cues
(optionally jittered, optionally two speakers in one cue), written as an audio-only Matroska file (FLAC) + SRT +
ASS + truth CSV — the layout ``svsg demo make`` writes and ``core.training.episodes`` reads."""

from __future__ import annotations

import fractions
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import av
import numpy as np

from svsg_desktop.core.demo.files import TruthLine, write_subtitles, write_truth_csv

RATE = 16_000          # the corpus media rate (the pipeline decodes to 16 kHz mono anyway)
LEAD_S, TRAIL_S = 0.08, 0.15   # subtitle cue margins around the speech before jitter
MIN_CUE_S = 0.2
NAME = "ep"            # file stem inside every episode folder


@dataclass(frozen=True)
class Utterance:
    """One spoken line: who, what, and the speech itself (float32 mono at :data:`RATE`, trimmed)."""

    speaker: str
    text: str
    audio: np.ndarray = field(repr=False)
    lang: str = "en"


@dataclass(frozen=True)
class Layout:
    """How lines are laid out: silence between lines (s, uniform), subtitle timing jitter bound (s) and the share
    of adjacent line pairs (different speakers, short gap) merged into one two-speaker cue."""

    gap_s: tuple[float, float] = (0.35, 1.4)
    jitter_s: float = 0.0
    two_speaker_share: float = 0.0


def place(rng: np.random.Generator, durations: list[float], gap_s: tuple[float, float],
          lead_s: float = 1.0) -> list[tuple[float, float]]:
    """Speech spans (s): one line after the other with a random gap before each."""
    out, t = [], lead_s
    for d in durations:
        t += float(rng.uniform(*gap_s))
        out.append((t, t + d))
        t += d
    return out


def cue_times(rng: np.random.Generator, spans: list[tuple[float, float]], jitter_s: float) -> list[tuple[int, int]]:
    """Subtitle (start, end) in ms (multiples of 10) for speech ``spans``: small margins, then each boundary moved
    by uniform ±``jitter_s``. Where two jittered cues would overlap both take the midpoint of the conflict, which
    stays within ±``jitter_s`` of both nominal boundaries (the gaps exceed the margins); a cue shorter than
    0.2 s is widened around its centre."""
    n = len(spans)
    starts = np.array([a - LEAD_S for a, _ in spans]) + rng.uniform(-jitter_s, jitter_s, n)
    ends = np.array([b + TRAIL_S for _, b in spans]) + rng.uniform(-jitter_s, jitter_s, n)
    for k in range(1, n):
        if starts[k] < ends[k - 1] + 0.01:
            mid = (starts[k] + ends[k - 1]) / 2
            ends[k - 1], starts[k] = mid - 0.005, mid + 0.005
    out = []
    for a, b in zip(np.maximum(starts, 0.0), ends):
        if b - a < MIN_CUE_S:
            c = (a + b) / 2
            a, b = max(0.0, c - MIN_CUE_S / 2), c + MIN_CUE_S / 2
        out.append((int(round(a * 100)) * 10, int(round(b * 100)) * 10))
    return out


def two_speaker_pairs(rng: np.random.Generator, speakers: list[str], spans: list[tuple[float, float]],
                      share: float, max_gap_s: float = 1.5) -> list[int]:
    """Indices ``i`` whose line is merged with line ``i + 1`` into one cue (different speakers, gap under
    ``max_gap_s``, no line in two pairs), about ``share`` of the lines."""
    picked: list[int] = []
    if share <= 0:
        return picked
    i = 0
    while i < len(spans) - 1:
        if (speakers[i] != speakers[i + 1] and spans[i + 1][0] - spans[i][1] < max_gap_s
                and rng.random() < share):
            picked.append(i)
            i += 2
        else:
            i += 1
    return picked


def truth_lines(utts: list[Utterance], spans: list[tuple[float, float]], cues: list[tuple[int, int]],
                pairs: list[int]) -> list[TruthLine]:
    """One truth line per cue; a two-speaker cue ("- a\\n- b") is labeled with the speaker who talks longer."""
    merged = set(pairs)
    out, i = [], 0
    while i < len(utts):
        u = utts[i]
        s0, s1 = spans[i]
        start, end, text, speaker = cues[i][0], cues[i][1], u.text, u.speaker
        if i in merged:
            v, (t0, t1) = utts[i + 1], spans[i + 1]
            end, text = cues[i + 1][1], f"- {u.text}\n- {v.text}"
            speaker = u.speaker if s1 - s0 >= t1 - t0 else v.speaker
            s1 = t1
            i += 1
        out.append(TruthLine(start=start, end=end, speaker=speaker, text=text, location="", visible=(),
                             lang=u.lang, music=False, speech_start=int(round(s0 * 1000)),
                             speech_end=int(round(s1 * 1000))))
        i += 1
    return out


def write_audio(path: Path, track: np.ndarray) -> None:
    """Audio-only Matroska (FLAC, 16-bit): a suffix the episode loader accepts, lossless, no video decoding."""
    pcm = (np.clip(track, -1.0, 1.0) * 32767).astype(np.int16)
    tmp = path.with_name(path.stem + ".tmp" + path.suffix)
    with av.open(str(tmp), "w") as out:
        st = out.add_stream("flac", rate=RATE, layout="mono")
        for a in range(0, len(pcm), 4096):
            fr = av.AudioFrame.from_ndarray(pcm[None, a:a + 4096], format="s16", layout="mono")
            fr.sample_rate, fr.pts, fr.time_base = RATE, a, fractions.Fraction(1, RATE)
            for p in st.encode(fr):
                out.mux(p)
        for p in st.encode(None):
            out.mux(p)
    tmp.replace(path)


MixFn = Callable[[np.ndarray, list[tuple[float, float]]], np.ndarray]


def build_episode(folder: str | Path, utts: list[Utterance], rng: np.random.Generator, layout: Layout = Layout(),
                  *, mix: MixFn | None = None, meta: dict | None = None) -> list[TruthLine]:
    """Write ``ep.mkv``, ``ep.srt``, ``ep.ass``, ``ep_truth.csv`` and ``episode.json`` into ``folder``.
    ``mix(track, spans)`` may add beds (music, babble, noise) to the speech track before it is written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    spans = place(rng, [len(u.audio) / RATE for u in utts], layout.gap_s)
    n = int((spans[-1][1] + 1.5) * RATE) if spans else RATE
    track = np.zeros(n, np.float32)
    for u, (s0, _) in zip(utts, spans):
        a = int(round(s0 * RATE))
        track[a:a + len(u.audio)] += u.audio[: n - a]
    if mix is not None:
        track = mix(track, spans)
    peak = float(np.abs(track).max()) if track.size else 0.0
    if peak > 0.98:
        track *= 0.98 / peak
    pairs = two_speaker_pairs(rng, [u.speaker for u in utts], spans, layout.two_speaker_share)
    lines = truth_lines(utts, spans, cue_times(rng, spans, layout.jitter_s), pairs)
    write_files(folder, track, lines, {"two_speaker_cues": len(pairs), "jitter_s": layout.jitter_s, **(meta or {})})
    return lines


def write_files(folder: Path, track: np.ndarray, lines: list[TruthLine], meta: dict) -> None:
    """The episode's files: media, subtitles, truth, and ``episode.json`` (written last: it marks the episode
    complete)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_audio(folder / f"{NAME}.mkv", track)
    write_subtitles(lines, folder / f"{NAME}.srt", folder / f"{NAME}.ass", 640, 360)
    write_truth_csv(lines, folder / f"{NAME}_truth.csv")
    info = {"lines": len(lines), "speakers": sorted({ln.speaker for ln in lines if ln.speaker}),
            "minutes": len(track) / RATE / 60, **meta}
    (folder / "episode.json").write_text(json.dumps(info, indent=1, ensure_ascii=False), encoding="utf-8")
