"""Silero VAD (ONNX, numpy only — no torch): per-frame speech probabilities, speech segments, speech ratio.

Uses the wheel's *sequence* model: one ONNX call per block of 512 frames of 32 ms (16 s), carrying the LSTM state
between blocks — the same numbers as the streaming model without a Python loop per frame.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from ..models.registry import Registry
from ..models.runtime import create_session

log = logging.getLogger(__name__)


@dataclass
class SpeechProbs:
    probs: np.ndarray     # (frames,) float32
    frame_s: float        # seconds per frame (0.032)

    def ratio(self, start_ms: int, end_ms: int, threshold: float = 0.5) -> float:
        """Fraction of the span's frames whose speech probability reaches ``threshold``."""
        a = int(start_ms / 1000 / self.frame_s)
        b = max(a + 1, int(np.ceil(end_ms / 1000 / self.frame_s)))
        seg = self.probs[a:b]
        return float((seg >= threshold).mean()) if len(seg) else 0.0


class SileroVAD:
    def __init__(self, registry: Registry | None = None) -> None:
        reg = registry or Registry()
        model = reg.load("silero-vad")
        self.fe = dict(model.spec.frontend)
        self.session, self.provider = create_session(model.data, name="silero-vad", device="cpu", threads=1)

    def probs(self, samples: np.ndarray) -> SpeechProbs:
        n, ctx, block = self.fe["frame"], self.fe["context"], self.fe["block"]
        audio = np.ascontiguousarray(samples, dtype=np.float32)
        n_frames = (len(audio) + n - 1) // n
        frames = np.zeros((n_frames, n), np.float32)
        frames.reshape(-1)[:len(audio)] = audio
        h = np.zeros((1, 1, 128), np.float32)
        c = np.zeros((1, 1, 128), np.float32)
        prev = np.zeros(ctx, np.float32)
        out = []
        for s in range(0, n_frames, block):
            fr = frames[s:s + block]
            contexts = np.empty((len(fr), ctx), np.float32)
            contexts[0] = prev
            contexts[1:] = fr[:-1, -ctx:]
            prev = fr[-1, -ctx:].copy()
            p, h, c = self.session.run(["speech_probs", "hn", "cn"],
                                       {"input": np.concatenate([contexts, fr], axis=1), "h": h, "c": c})
            out.append(p.reshape(-1))
        probs = np.concatenate(out).astype(np.float32) if out else np.zeros(0, np.float32)
        return SpeechProbs(probs, n / self.fe["sample_rate"])


def speech_segments(sp: SpeechProbs, *, threshold: float = 0.5, neg_threshold: float = 0.35,
                    min_silence_ms: int = 100, min_speech_ms: int = 250, speech_pad_ms: int = 30,
                    max_speech_s: float = 12.0, total_s: float | None = None) -> list[tuple[int, int]]:
    """Speech segments in ms: on at ≥ ``threshold``, off after ``min_silence_ms`` below ``neg_threshold``;
    shorter than ``min_speech_ms`` dropped; padded; segments longer than ``max_speech_s`` cut at their quietest
    frame (subtitle-sized lines)."""
    fs = sp.frame_s * 1000
    segs: list[list[int]] = []
    on, start, low_since = False, 0, None
    for i, p in enumerate(sp.probs):
        if not on:
            if p >= threshold:
                on, start, low_since = True, i, None
        else:
            if p < neg_threshold:
                if low_since is None:
                    low_since = i
                if (i - low_since) * fs >= min_silence_ms:
                    segs.append([start, low_since])
                    on, low_since = False, None
            elif p >= threshold:
                low_since = None
    if on:
        segs.append([start, low_since if low_since is not None else len(sp.probs)])
    out: list[tuple[int, int]] = []
    max_frames = int(max_speech_s * 1000 / fs)
    for a, b in segs:
        if (b - a) * fs < min_speech_ms:
            continue
        pieces = [(a, b)]
        while pieces[-1][1] - pieces[-1][0] > max_frames:
            a2, b2 = pieces.pop()
            lo = a2 + max_frames // 3
            hi = a2 + max_frames
            cut = lo + int(np.argmin(sp.probs[lo:hi]))
            pieces += [(a2, cut), (cut, b2)]
        for x, y in pieces:
            out.append((int(x * fs), int(y * fs)))
    end_ms = int(total_s * 1000) if total_s is not None else int(len(sp.probs) * fs)
    padded = []
    for x, y in out:
        x, y = max(0, x - speech_pad_ms), min(end_ms, y + speech_pad_ms)
        if padded and x < padded[-1][1]:
            mid = (padded[-1][1] + x) // 2
            padded[-1] = (padded[-1][0], mid)
            x = mid
        padded.append((x, y))
    return padded
