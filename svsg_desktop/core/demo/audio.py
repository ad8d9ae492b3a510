"""Audio of a demo episode: espeak-ng speech per line (trimmed, resampled), synthesised background music (soft
chords) and gentle noise, mixed into one mono track."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import soundfile as sf
from scipy.signal import resample_poly

from ..progress import ProgressFn, check_cancel, no_progress
from . import corpus
from .errors import SynthesisError

log = logging.getLogger(__name__)

RATE = 48_000          # the episode's audio rate (AAC)
SPEECH_RMS_DB = -20.0  # every line is normalised to this RMS level (dBFS)


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def synthesize(text: str, lang: str, variant: str, pitch: int, speed: int) -> np.ndarray:
    """One line through ``espeak-ng --stdout``; returns float32 mono at :data:`RATE`, silence trimmed,
    RMS-normalised to :data:`SPEECH_RMS_DB`."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise SynthesisError("espeak-ng is not installed: install it (Debian/Ubuntu: apt-get install espeak-ng) "
                             "or use the prebuilt demo episode (demo_episode_path())")
    voice = f"{corpus.ESPEAK_LANGUAGE[lang]}+{variant}"
    cmd = [exe, "-v", voice, "-p", str(pitch), "-s", str(speed), "--stdout", "-b", "1", text]
    proc = subprocess.run(cmd, capture_output=True, timeout=60)
    if proc.returncode != 0 or len(proc.stdout) < 100:
        raise SynthesisError(f"espeak-ng failed on {text!r} (voice {voice}): "
                             f"{proc.stderr.decode(errors='replace').strip()}")
    x, sr = sf.read(io.BytesIO(proc.stdout), dtype="float32", always_2d=False)
    x = _trim(x, sr)
    g = np.gcd(RATE, sr)
    y = resample_poly(x, RATE // g, sr // g).astype(np.float32)
    rms = float(np.sqrt(np.mean(y ** 2))) if y.size else 0.0
    if rms > 0:
        y *= 10 ** (SPEECH_RMS_DB / 20) / rms
    return y


def _trim(x: np.ndarray, sr: int, thresh_db: float = -45.0) -> np.ndarray:
    """Cut leading/trailing silence (10 ms frames under ``thresh_db`` relative to the peak), keep 20 ms margins."""
    hop = sr // 100
    n = len(x) // hop
    if n == 0:
        return x
    env = np.sqrt(np.mean(x[:n * hop].reshape(n, hop) ** 2, axis=1))
    peak = env.max()
    if peak <= 0:
        return x
    on = np.nonzero(env > peak * 10 ** (thresh_db / 20))[0]
    a = max(0, (on[0] - 2) * hop)
    b = min(len(x), (on[-1] + 3) * hop)
    return x[a:b]


def synthesize_all(jobs: list[tuple[str, str, str, int, int]], *, workers: int = 2,
                   progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> list[np.ndarray]:
    """Synthesize many lines (a few processes at a time); results in the order of ``jobs``."""
    out: list[np.ndarray | None] = [None] * len(jobs)
    done = 0
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(synthesize, *job): i for i, job in enumerate(jobs)}
        try:
            for fut in futures:
                out[futures[fut]] = fut.result()
                done += 1
                progress(done / max(1, len(jobs)), "synthesising speech")
                check_cancel(cancel)
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
    return out  # type: ignore[return-value]


# ---- music and noise ------------------------------------------------------------------------------------------

_CHORDS = ((0, 4, 7), (5, 9, 12), (7, 11, 14), (-3, 0, 4), (2, 5, 9))


def music(rng: np.random.Generator, n_samples: int, level_db: float) -> np.ndarray:
    """A soft chord progression (sine partials with an attack/release per chord, one chord per ~2 s)."""
    out = np.zeros(n_samples, np.float32)
    root = 220.0 * 2 ** (int(rng.integers(-3, 4)) / 12)
    chord_len = int(RATE * float(rng.uniform(1.6, 2.4)))
    t = np.arange(chord_len, dtype=np.float32) / RATE
    env = np.minimum(1.0, t / 0.15) * np.minimum(1.0, (chord_len / RATE - t) / 0.3)
    pos, k = 0, int(rng.integers(len(_CHORDS)))
    while pos < n_samples:
        seg = np.zeros(chord_len, np.float32)
        for semi in _CHORDS[k % len(_CHORDS)]:
            f = root * 2 ** (semi / 12)
            seg += np.sin(2 * np.pi * f * t) + 0.3 * np.sin(2 * np.pi * 2 * f * t)
        # a simple bass note and a little melody line make it less stationary
        seg += 0.8 * np.sin(2 * np.pi * root / 2 * 2 ** (_CHORDS[k % len(_CHORDS)][0] / 12) * t)
        mel = root * 2 * 2 ** (int(rng.choice((0, 2, 4, 7, 9, 12))) / 12)
        seg += 0.5 * np.sin(2 * np.pi * mel * t) * (t < chord_len / RATE / 2)
        seg *= env
        m = min(chord_len, n_samples - pos)
        out[pos:pos + m] = seg[:m]
        pos += chord_len
        k += int(rng.integers(1, 3))
    rms = float(np.sqrt(np.mean(out ** 2))) or 1.0
    fade = min(n_samples // 2, RATE // 2)
    if fade > 0:
        ramp = np.linspace(0, 1, fade, dtype=np.float32)
        out[:fade] *= ramp
        out[-fade:] *= ramp[::-1]
    return out * (10 ** ((SPEECH_RMS_DB + level_db) / 20) / rms)


def add_noise(track: np.ndarray, rng: np.random.Generator, level_db: float, block: int = RATE * 10) -> None:
    """Gentle, slightly low-passed noise at ``level_db`` dBFS RMS, added in place block by block."""
    amp = 10 ** (level_db / 20)
    k = np.array([0.5, 0.3, 0.2], np.float32)
    k /= np.sqrt(np.sum(k ** 2))
    for a in range(0, len(track), block):
        w = rng.standard_normal(min(block, len(track) - a)).astype(np.float32)
        track[a:a + len(w)] += amp * np.convolve(w, k, mode="same")
