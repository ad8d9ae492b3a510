"""What the audio strip draws, GUI-free: min/max peaks per pixel column and a log-magnitude spectrogram of a time
window, read from the 16 kHz mono track :func:`~.audio.decode_audio` gives. The track is decoded once per episode
and kept in a :class:`TrackCache` (one episode at a time: ~2 MB per minute of audio)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from ..progress import ProgressFn, check_cancel, no_progress
from .audio import AudioTrack, decode_audio

FLOOR_DB = 80.0     # the spectrogram shows this many dB below the window's loudest bin


def _edges(n_samples: int, sample_rate: int, start_ms: int, end_ms: int, columns: int) -> np.ndarray:
    """Sample index bounds of each column (``columns + 1`` values), clipped to the samples that exist."""
    a, b = start_ms * sample_rate / 1000, end_ms * sample_rate / 1000
    return np.clip(np.round(np.linspace(a, b, columns + 1)).astype(np.int64), 0, n_samples)


def peaks(samples: np.ndarray, sample_rate: int, start_ms: int, end_ms: int,
          columns: int) -> tuple[np.ndarray, np.ndarray]:
    """``(low, high)``: the smallest and largest sample in each of ``columns`` equal slices of the window; 0 where
    a column holds no sample (before the start, past the end of the audio, or a zoom finer than one sample)."""
    columns = max(1, int(columns))
    low, high = np.zeros(columns, np.float32), np.zeros(columns, np.float32)
    e = _edges(len(samples), sample_rate, start_ms, end_ms, columns)
    full = np.flatnonzero(e[1:] > e[:-1])
    if full.size:
        # columns with samples are contiguous runs of the array: reduce each run in one call
        part = np.asarray(samples[e[full[0]]:e[full[-1] + 1]], dtype=np.float32)
        starts = e[full] - e[full[0]]
        low[full] = np.minimum.reduceat(part, starts)
        high[full] = np.maximum.reduceat(part, starts)
    return low, high


def spectrogram(samples: np.ndarray, sample_rate: int, start_ms: int, end_ms: int, columns: int, *,
                rows: int = 64, n_fft: int = 512) -> np.ndarray:
    """``(rows, columns)`` loudness in [0, 1] (row 0 = lowest frequency, rows spaced evenly on a log-frequency
    scale from 60 Hz to Nyquist): one Hann-windowed FFT centred on each column, in dB below the window's maximum
    (``FLOOR_DB`` → 0). Columns without audio are 0."""
    columns = max(1, int(columns))
    e = _edges(len(samples), sample_rate, start_ms, end_ms, columns)
    centres = (e[:-1] + e[1:]) // 2
    have = (e[1:] > e[:-1]) | ((centres > 0) & (centres < len(samples)))
    out = np.zeros((rows, columns), np.float32)
    if not have.any() or len(samples) < 2:
        return out
    c = centres[have]
    lo, hi = int(c.min()) - n_fft // 2, int(c.max()) + n_fft // 2      # only the window's samples, zero-padded
    part = np.zeros(hi - lo + 1, np.float32)
    a, b = max(lo, 0), min(hi + 1, len(samples))
    part[a - lo:b - lo] = samples[a:b]
    idx = (c - n_fft // 2 - lo)[:, None] + np.arange(n_fft)[None, :]  # frames centred on each column
    frames = part[idx] * np.hanning(n_fft).astype(np.float32)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2                   # (frames, n_fft // 2 + 1)
    freqs = np.fft.rfftfreq(n_fft, 1 / sample_rate)
    bounds = np.geomspace(60.0, sample_rate / 2, rows + 1)
    band = np.clip(np.searchsorted(bounds, freqs, side="right") - 1, 0, rows - 1)
    pool = np.zeros((len(freqs), rows), np.float32)       # FFT bin → band, averaging the bins of each band
    keep = np.flatnonzero(freqs >= bounds[0])
    pool[keep, band[keep]] = 1.0
    empty = np.flatnonzero(pool.sum(axis=0) == 0)         # low bands narrower than one bin: their nearest bin
    centre = np.sqrt(bounds[empty] * bounds[empty + 1])
    pool[np.abs(freqs[None, :] - centre[:, None]).argmin(axis=1), empty] = 1.0
    pool /= pool.sum(axis=0)
    db = 10 * np.log10(power.astype(np.float32) @ pool + 1e-12)
    level = np.clip((db - (db.max() - FLOOR_DB)) / FLOOR_DB, 0.0, 1.0)
    out[:, have] = level.T.astype(np.float32)
    return out


class TrackCache:
    """The decoded audio of the episode in use (decoded once; a changed file on disk is decoded again).
    Thread-safe: the app decodes on a worker thread and draws from the UI thread."""

    def __init__(self, decode=decode_audio) -> None:
        self._decode = decode
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._track: AudioTrack | None = None
        self.decodes = 0             # how many times a file was decoded (the cache's whole point)

    @staticmethod
    def _key_of(path: str | Path) -> tuple:
        p = Path(path).resolve()
        st = p.stat()
        return str(p), st.st_mtime_ns, st.st_size

    def cached(self, path: str | Path) -> AudioTrack | None:
        try:
            key = self._key_of(path)
        except OSError:
            return None
        with self._lock:
            return self._track if key == self._key else None

    def get(self, path: str | Path, *, progress: ProgressFn = no_progress,
            cancel: threading.Event | None = None) -> AudioTrack:
        """The file's track, decoding it only when it is not the cached one (raises ``MediaError`` as
        :func:`decode_audio` does)."""
        track = self.cached(path)
        if track is not None:
            return track
        check_cancel(cancel)
        progress(0.0, "decoding the audio")
        key = self._key_of(path) if Path(path).exists() else None
        track = self._decode(path)
        self.decodes += 1
        with self._lock:
            self._key, self._track = key, track
        progress(1.0, "audio decoded")
        return track
