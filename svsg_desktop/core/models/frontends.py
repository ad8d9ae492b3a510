"""Torch-free front ends: waveform → model input (numpy only), as recorded in each manifest entry's ``frontend``.

* ``ge2e_mel`` (Resemblyzer GE2E): 16 kHz, 25 ms periodic-Hann window, hop 10 ms, centred frames (reflect pad),
  power spectrum, 40 Slaney mel bands (librosa's default filterbank), *not* logged; volume raised to −30 dBFS;
  partials of 160 frames at 1.3 partials/s (min coverage 0.75).
* ``fbank`` (SpeechBrain ECAPA): 80 log-mel (dB, top 80 dB) bands from a centred 25 ms Hamming window, hop 10 ms,
  sentence mean normalisation.
* ``image`` (EfficientNet / CLIP): resize the short side, centre crop, scale to [0, 1], subtract mean, divide by std.

Short clips follow the ``short_clip`` policy: ``wrap`` repeats the clip until it fills one window (zero padding
makes short lines of different speakers look alike; repeating raised clustering F1 by 0.1–0.2 in our tests).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

INT16_MAX = 2 ** 15 - 1


def hz_to_mel_slaney(f: np.ndarray) -> np.ndarray:
    f = np.asarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, mels)


def mel_to_hz_slaney(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


@lru_cache(maxsize=8)
def slaney_mel_filterbank(sr: int, n_fft: int, n_mels: int, fmin: float = 0.0, fmax: float | None = None) -> np.ndarray:
    """(n_mels, n_fft//2+1) triangular filters with Slaney area normalisation (librosa ``mel`` defaults)."""
    fmax = sr / 2 if fmax is None else fmax
    fft_freqs = np.linspace(0, sr / 2, n_fft // 2 + 1)
    mel_pts = mel_to_hz_slaney(np.linspace(hz_to_mel_slaney(fmin), hz_to_mel_slaney(fmax), n_mels + 2))
    fdiff = np.diff(mel_pts)
    ramps = mel_pts[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_pts[2:n_mels + 2] - mel_pts[:n_mels])
    return (weights * enorm[:, None]).astype(np.float32)


@lru_cache(maxsize=8)
def window(kind: str, n: int) -> np.ndarray:
    k = np.arange(n)
    if kind == "hann_periodic":
        return (0.5 - 0.5 * np.cos(2 * np.pi * k / n)).astype(np.float32)
    if kind == "hamming_periodic":
        return (0.54 - 0.46 * np.cos(2 * np.pi * k / n)).astype(np.float32)
    if kind == "hamming_symmetric":
        return (0.54 - 0.46 * np.cos(2 * np.pi * k / (n - 1))).astype(np.float32)
    raise ValueError(f"unknown window {kind!r}")


def frame_signal(wav: np.ndarray, n_fft: int, hop: int, pad_mode: str = "reflect") -> np.ndarray:
    """Centred frames (n_frames, n_fft): frame t is centred on sample t*hop; ``1 + len//hop`` frames."""
    pad = n_fft // 2
    if pad_mode == "reflect" and len(wav) <= pad:
        pad_mode = "constant"
    x = np.pad(wav.astype(np.float32, copy=False), (pad, pad), mode=pad_mode)
    n_frames = 1 + (len(x) - n_fft) // hop
    return np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop][:n_frames]


def power_spectrum(wav: np.ndarray, n_fft: int, hop: int, win: np.ndarray, pad_mode: str = "reflect") -> np.ndarray:
    frames = frame_signal(wav, n_fft, hop, pad_mode) * win
    spec = np.fft.rfft(frames, n=n_fft, axis=1)
    return (spec.real ** 2 + spec.imag ** 2).astype(np.float32)


def normalize_volume(wav: np.ndarray, target_dbfs: float, increase_only: bool = True) -> np.ndarray:
    rms = float(np.sqrt(np.mean((wav.astype(np.float64) * INT16_MAX) ** 2))) if len(wav) else 0.0
    if rms <= 0:
        return wav
    change = target_dbfs - 20 * np.log10(rms / INT16_MAX)
    if change < 0 and increase_only:
        return wav
    return (wav * (10 ** (change / 20))).astype(np.float32)


def wrap_to_length(wav: np.ndarray, n: int) -> np.ndarray:
    """Repeat ``wav`` until it has at least ``n`` samples (the ``wrap`` short-clip policy)."""
    if len(wav) >= n or len(wav) == 0:
        return wav
    return np.resize(wav, n)


# -- GE2E ------------------------------------------------------------------------------------------------------
def ge2e_mel(wav: np.ndarray, fe: dict) -> np.ndarray:
    sr, n_fft, hop = fe["sample_rate"], fe["n_fft"], fe["hop"]
    spec = power_spectrum(wav, n_fft, hop, window(fe.get("window", "hann_periodic"), n_fft), fe.get("pad", "reflect"))
    fb = slaney_mel_filterbank(sr, n_fft, fe["n_mels"])
    return spec @ fb.T


def ge2e_partial_slices(n_samples: int, fe: dict) -> list[tuple[int, int]]:
    """Mel-frame ranges of the partial utterances (Resemblyzer's ``compute_partial_slices``)."""
    sr, hop, n_part = fe["sample_rate"], fe["hop"], fe["partial_frames"]
    n_frames = int(np.ceil((n_samples + 1) / hop))
    step = max(1, int(np.round((sr / fe["partial_rate"]) / hop)))
    steps = max(1, n_frames - n_part + step + 1)
    slices = [(i, i + n_part) for i in range(0, steps, step)]
    last = slices[-1]
    coverage = (n_samples - last[0] * hop) / ((last[1] - last[0]) * hop)
    if coverage < fe["min_coverage"] and len(slices) > 1:
        slices = slices[:-1]
    return slices


def ge2e_partials(wav: np.ndarray, fe: dict) -> np.ndarray:
    """One clip → (n_partials, partial_frames, n_mels) float32 ready for the ONNX model."""
    hop, n_part = fe["hop"], fe["partial_frames"]
    wav = normalize_volume(np.asarray(wav, dtype=np.float32), fe.get("norm_dbfs", -30.0), increase_only=True)
    if fe.get("short_clip", "wrap") == "wrap":
        wav = wrap_to_length(wav, n_part * hop)
    slices = ge2e_partial_slices(len(wav), fe)
    need = slices[-1][1] * hop
    if need > len(wav):
        wav = np.pad(wav, (0, need - len(wav)))
    mel = ge2e_mel(wav, fe)
    return np.stack([mel[a:b] for a, b in slices]).astype(np.float32)


# -- ECAPA fbank -----------------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def speechbrain_filterbank(sr: int, n_fft: int, n_mels: int, fmin: float, fmax: float) -> np.ndarray:
    """(n_fft//2+1, n_mels) triangular filters on the HTK mel scale, as SpeechBrain's ``Filterbank``."""
    def to_mel(hz):
        return 2595 * np.log10(1 + hz / 700.0)

    def to_hz(mel):
        return 700 * (10 ** (mel / 2595) - 1)

    mel_pts = np.linspace(to_mel(fmin), to_mel(fmax), n_mels + 2)
    hz = to_hz(mel_pts)
    band = (hz[1:] - hz[:-1])[:-1]
    central = hz[1:-1]
    all_freqs = np.linspace(0, sr // 2, n_fft // 2 + 1)
    slope = (all_freqs[None, :] - central[:, None]) / band[:, None]
    left = slope + 1.0
    right = -slope + 1.0
    fbank = np.maximum(0.0, np.minimum(left, right))
    return fbank.T.astype(np.float32)


def fbank(wav: np.ndarray, fe: dict) -> np.ndarray:
    """(frames, n_mels) log-mel features with sentence mean normalisation (SpeechBrain ECAPA front end)."""
    sr, n_fft, hop = fe["sample_rate"], fe["n_fft"], fe["hop"]
    win_len = fe.get("win_length", n_fft)
    win = np.zeros(n_fft, dtype=np.float32)
    off = (n_fft - win_len) // 2
    win[off:off + win_len] = window(fe.get("window", "hamming_periodic"), win_len)
    spec = power_spectrum(wav, n_fft, hop, win, fe.get("pad", "constant"))
    fb = speechbrain_filterbank(sr, n_fft, fe["n_mels"], fe.get("fmin", 0.0), fe.get("fmax", sr / 2))
    mel = spec @ fb
    db = 10.0 * np.log10(np.maximum(mel, 1e-10))
    db = np.maximum(db, db.max() - fe.get("top_db", 80.0))
    return (db - db.mean(axis=0, keepdims=True)).astype(np.float32)


def fbank_input(wav: np.ndarray, fe: dict) -> np.ndarray:
    wav = np.asarray(wav, dtype=np.float32)
    if fe.get("short_clip", "wrap") == "wrap":
        wav = wrap_to_length(wav, int(fe.get("min_seconds", 1.5) * fe["sample_rate"]))
    return fbank(wav, fe)


# -- images ----------------------------------------------------------------------------------------------------
def resize_rgb(img: np.ndarray, w: int, h: int, resample: str = "bilinear") -> np.ndarray:
    from PIL import Image

    mode = {"bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC}[resample]
    return np.asarray(Image.fromarray(np.ascontiguousarray(img)).resize((w, h), mode))


def image_input(img: np.ndarray, fe: dict) -> np.ndarray:
    """HxWx3 uint8 RGB → (3, size, size) float32: short side to ``resize``, centre crop ``size``, normalise."""
    size, short = fe["size"], fe.get("resize", fe["size"])
    h, w = img.shape[:2]
    scale = short / min(h, w)
    nw, nh = max(size, round(w * scale)), max(size, round(h * scale))
    im = resize_rgb(img, nw, nh, fe.get("resample", "bilinear"))
    top, left = (nh - size) // 2, (nw - size) // 2
    im = im[top:top + size, left:left + size].astype(np.float32) / 255.0
    mean = np.asarray(fe["mean"], dtype=np.float32)
    std = np.asarray(fe["std"], dtype=np.float32)
    return ((im - mean) / std).transpose(2, 0, 1)
