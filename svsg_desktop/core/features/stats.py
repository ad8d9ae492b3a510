"""Cheap per-line quality stats for the confidence model: loudness, speech ratio, music/noise estimates."""

from __future__ import annotations

import numpy as np

from .vad import SpeechProbs

STAT_NAMES = ("duration_s", "loudness_db", "speech_ratio", "music_ratio", "flatness", "audio_ok")
FRAME = 512   # 32 ms at 16 kHz, the VAD's frame


def _frames(clip: np.ndarray) -> np.ndarray:
    n = len(clip) // FRAME
    return clip[: n * FRAME].reshape(n, FRAME) if n else clip[None, :FRAME] if len(clip) else np.zeros((0, FRAME))


def line_stats(clip: np.ndarray | None, start_ms: int, end_ms: int, sp: SpeechProbs | None) -> dict[str, float]:
    """``loudness_db``: RMS level in dBFS; ``speech_ratio``: VAD frames ≥ 0.5; ``flatness``: mean spectral
    flatness (1 = white noise, → 0 for tones/voiced speech); ``music_ratio``: fraction of audible frames (above
    −45 dBFS) the VAD calls non-speech (< 0.35) — music, effects or noise over the line."""
    out = {"duration_s": (end_ms - start_ms) / 1000.0, "loudness_db": -100.0, "speech_ratio": 0.0,
           "music_ratio": 0.0, "flatness": 0.0, "audio_ok": 0.0}
    if clip is None or len(clip) == 0:
        return out
    x = clip.astype(np.float64)
    rms = np.sqrt(np.mean(x ** 2))
    out["loudness_db"] = float(20 * np.log10(max(rms, 1e-5)))
    out["audio_ok"] = 1.0
    fr = _frames(x)
    if len(fr):
        spec = np.abs(np.fft.rfft(fr * np.hanning(fr.shape[1]), axis=1)) ** 2 + 1e-12
        flat = np.exp(np.mean(np.log(spec), axis=1)) / np.mean(spec, axis=1)
        level = 10 * np.log10(np.mean(fr ** 2, axis=1) + 1e-12)
        audible = level > -45
        out["flatness"] = float(np.mean(flat[audible])) if audible.any() else 0.0
        if sp is not None:
            a = int(start_ms / 1000 / sp.frame_s)
            p = sp.probs[a:a + len(fr)]
            m = min(len(p), len(fr))
            if m:
                nonspeech = (p[:m] < 0.35) & audible[:m]
                out["music_ratio"] = float(nonspeech.sum() / max(1, audible[:m].sum()))
    if sp is not None:
        out["speech_ratio"] = sp.ratio(start_ms, end_ms)
    return out
