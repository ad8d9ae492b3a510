"""Synthetic voices for the corpus: espeak-ng variants (through the demo generator's synthesiser), Festival voices
(Debian ``festival`` + ``festvox-*``) and sox colouring (pitch, formant shift, EQ) applied to every line of a
character. MBROLA is not used: Debian bookworm ships no ``mbrola`` / ``mbrola-*`` package in main (contrib/non-free
are not configured here; see docs/evaluation.md)."""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
from scipy.signal import resample_poly

from svsg_desktop.core.demo import audio as demo_audio

from .episode import RATE

FESTIVAL_VOICES = ("kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts")


@dataclass(frozen=True)
class Voice:
    """A character's voice. ``engine`` "espeak" (``name`` = variant such as "m3", ``pitch``/``speed`` espeak's
    -p/-s) or "festival" (``name`` = a Festival voice); ``colour`` = sox effects applied to every line."""

    engine: str
    name: str
    pitch: int = 50
    speed: int = 165
    colour: tuple[str, ...] = ()
    lang: str = "en"


def festival_available() -> bool:
    return shutil.which("text2wave") is not None


def festival_voices() -> list[str]:
    """The Festival voices installed (of :data:`FESTIVAL_VOICES`)."""
    roots = (Path("/usr/share/festival/voices"),)
    have = {p.name for r in roots if r.is_dir() for p in r.glob("*/*") if p.is_dir()}
    return [v for v in FESTIVAL_VOICES if v in have] if festival_available() else []


def normalise(x: np.ndarray) -> np.ndarray:
    rms = float(np.sqrt(np.mean(x.astype(np.float64) ** 2))) if x.size else 0.0
    return (x * (10 ** (demo_audio.SPEECH_RMS_DB / 20) / rms)).astype(np.float32) if rms > 0 else x


def to_rate(x: np.ndarray, sr: int) -> np.ndarray:
    g = math.gcd(RATE, sr)
    return resample_poly(x, RATE // g, sr // g).astype(np.float32) if sr != RATE else x.astype(np.float32)


def _festival(text: str, voice: str) -> np.ndarray:
    with tempfile.TemporaryDirectory(prefix="svsg-fest-") as tmp:
        src, out = Path(tmp) / "line.txt", Path(tmp) / "line.wav"
        src.write_text(text, encoding="utf-8")
        proc = subprocess.run(["text2wave", "-eval", f"(voice_{voice})", "-o", str(out), str(src)],
                              capture_output=True, timeout=120)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"festival failed on {text!r} ({voice}): {proc.stderr.decode(errors='replace')}")
        x, sr = sf.read(out, dtype="float32", always_2d=False)
    return to_rate(demo_audio._trim(x, sr), sr)


def sox_effects(x: np.ndarray, effects: tuple[str, ...]) -> np.ndarray:
    """Run ``x`` (16 kHz float32) through ``sox`` with ``effects`` (e.g. "pitch 300", "equalizer 900 1q 6");
    the output is resampled back to 16 kHz and keeps its length up to the effect's own tempo change."""
    if not effects:
        return x
    raw = ["-t", "raw", "-r", str(RATE), "-e", "floating-point", "-b", "32", "-c", "1"]
    cmd = ["sox", "-V1", *raw, "-", *raw, "-", *" ".join(effects).split(), "rate", str(RATE)]
    proc = subprocess.run(cmd, input=x.astype("<f4").tobytes(), capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"sox {' '.join(effects)} failed: {proc.stderr.decode(errors='replace')}")
    return np.frombuffer(proc.stdout, dtype="<f4").astype(np.float32)


def formant(ratio: float) -> tuple[str, ...]:
    """sox effects that scale the formants (and tempo) by ``ratio`` and keep the pitch: speed, then pitch back."""
    return ("speed", f"{ratio:.4f}", "pitch", f"{-1200 * math.log2(ratio):.1f}")


def speak(voice: Voice, text: str, rng: np.random.Generator | None = None, jitter: int = 0) -> np.ndarray:
    """One line in ``voice`` (16 kHz float32, trimmed, RMS-normalised); ``jitter`` varies espeak's pitch and speed
    per line by up to ± that much."""
    if voice.engine == "espeak":
        dp = int(rng.integers(-jitter, jitter + 1)) if rng is not None and jitter else 0
        ds = int(rng.integers(-2 * jitter, 2 * jitter + 1)) if rng is not None and jitter else 0
        y = demo_audio.synthesize(text, voice.lang, voice.name, int(np.clip(voice.pitch + dp, 0, 99)),
                                  voice.speed + ds)
        x = to_rate(y, demo_audio.RATE)
    elif voice.engine == "festival":
        x = _festival(text, voice.name)
    else:
        raise ValueError(f"unknown voice engine {voice.engine!r}")
    return normalise(sox_effects(x, voice.colour))


def read_audio(path: str | Path) -> np.ndarray:
    """Any file soundfile reads (ogg, wav, flac) → 16 kHz mono float32, trimmed and RMS-normalised."""
    data = Path(path).read_bytes()
    x, sr = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    return normalise(to_rate(demo_audio._trim(x.mean(axis=1), sr), sr))
