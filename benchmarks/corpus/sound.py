"""Acoustic conditions: room reverb (synthetic exponentially decaying impulse responses), telephone band, music
beds and crowd babble mixed at a requested SNR. All at 16 kHz, numpy/scipy only."""

from __future__ import annotations

import numpy as np
from scipy.signal import butter, fftconvolve, resample_poly, sosfilt

from svsg_desktop.core.demo import audio as demo_audio

from .episode import RATE


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2))) if x.size else 0.0


def snr_db(signal: np.ndarray, noise: np.ndarray) -> float:
    return 20 * np.log10(rms(signal) / rms(noise))


def scale_to_snr(signal: np.ndarray, noise: np.ndarray, snr: float) -> np.ndarray:
    """``noise`` scaled so that ``signal`` over it is ``snr`` dB (power ratio of the two as given)."""
    r = rms(noise)
    return noise if r == 0 else (noise * (rms(signal) / r / 10 ** (snr / 20))).astype(np.float32)


def room_ir(rng: np.random.Generator, rt60: float, direct: float = 1.0) -> np.ndarray:
    """A synthetic room impulse response: a direct path then noise decaying by 60 dB over ``rt60`` seconds."""
    n = int(rt60 * RATE)
    t = np.arange(n) / RATE
    tail = rng.standard_normal(n) * 10 ** (-3 * t / rt60) * 0.3
    tail[: int(0.003 * RATE)] = 0.0
    tail[0] = direct
    return (tail / np.sqrt(np.sum(tail ** 2))).astype(np.float32)


def reverb(x: np.ndarray, ir: np.ndarray) -> np.ndarray:
    """``x`` in the room of ``ir``; the tail is kept (the clip grows by the IR length), RMS kept."""
    y = fftconvolve(x, ir)[: len(x) + len(ir) - 1].astype(np.float32)
    r = rms(y)
    return y * (rms(x) / r) if r > 0 else y


def telephone(x: np.ndarray) -> np.ndarray:
    """Narrow-band telephone: 8 kHz resampling, 300–3400 Hz band-pass, mild clipping; back at 16 kHz, RMS kept."""
    y = resample_poly(x, 1, 2)
    y = sosfilt(butter(4, (300, 3400), btype="bandpass", fs=RATE // 2, output="sos"), y)
    peak = np.abs(y).max() or 1.0
    y = np.tanh(2.0 * y / peak) * peak / 2.0
    y = resample_poly(y, 2, 1).astype(np.float32)[: len(x)]
    r = rms(y)
    return y * (rms(x) / r) if r > 0 else y


def music_bed(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` samples of the demo generator's soft chord music (made at 48 kHz, brought to 16 kHz)."""
    m = demo_audio.music(rng, 3 * n + 3, 0.0)
    return resample_poly(m, 1, 3).astype(np.float32)[:n]


def babble(rng: np.random.Generator, clips: list[np.ndarray], n: int, talkers: int = 6) -> np.ndarray:
    """Crowd babble: ``talkers`` streams of randomly chosen clips, back to back, summed."""
    out = np.zeros(n, np.float32)
    if not clips:
        return out
    for _ in range(talkers):
        pos = -int(rng.integers(0, RATE))
        while pos < n:
            c = clips[int(rng.integers(len(clips)))]
            a, b = max(pos, 0), min(n, pos + len(c))
            if b > a:
                out[a:b] += c[a - pos: b - pos]
            pos += len(c) + int(rng.integers(0, RATE // 4))
    return out


def add_bed(track: np.ndarray, bed: np.ndarray, a: int, snr: float) -> None:
    """Add ``bed`` to ``track[a:a+len(bed)]`` (in place) at ``snr`` dB below the speech in that stretch (speech
    RMS measured on the stretch's non-silent samples, so pauses do not lower the bed)."""
    seg = track[a:a + len(bed)]
    speech = seg[np.abs(seg) > 1e-4]
    if speech.size == 0:
        speech = np.full(1, 10 ** (demo_audio.SPEECH_RMS_DB / 20), np.float32)
    seg += scale_to_snr(speech, bed[: len(seg)], snr)
