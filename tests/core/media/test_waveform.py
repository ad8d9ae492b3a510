"""The audio strip's data: peaks and spectrogram of a known signal, and the per-episode track cache."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from hypothesis import given, settings, strategies as st

from svsg_desktop.core.media.audio import SAMPLE_RATE, AudioTrack
from svsg_desktop.core.media.waveform import TrackCache, peaks, spectrogram

SR = SAMPLE_RATE


def burst(total_s: float = 4.0, at_s: tuple[float, float] = (1.0, 2.0), freq: float = 440.0) -> np.ndarray:
    """Silence with a 0.8-amplitude sine between the two times."""
    t = np.arange(int(total_s * SR)) / SR
    x = np.zeros_like(t, dtype=np.float32)
    on = (t >= at_s[0]) & (t < at_s[1])
    x[on] = 0.8 * np.sin(2 * np.pi * freq * t[on])
    return x


def test_peaks_are_only_where_the_burst_is():
    x = burst()
    low, high = peaks(x, SR, 0, 4000, 400)          # 10 ms per column
    loud = np.flatnonzero(high - low > 0.5)
    assert loud.min() == 100 and loud.max() == 199   # exactly the columns of 1.0–2.0 s
    assert np.all(high[:100] == 0) and np.all(high[200:] == 0)
    assert high.max() == pytest.approx(0.8, abs=1e-3) and low.min() == pytest.approx(-0.8, abs=1e-3)


def test_peaks_of_a_window_past_the_audio_are_zero():
    x = burst()
    low, high = peaks(x, SR, 3000, 6000, 30)
    assert np.all(high[10:] == 0) and np.all(low[10:] == 0)
    low, high = peaks(x, SR, 1500, 1510, 50)        # zoomed below one sample per column: no crash
    assert len(high) == 50 and high.max() > 0


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 3000), st.integers(1, 2000), st.integers(1, 300))
def test_peaks_bound_every_sample_of_the_window(start, length, columns):
    x = np.random.default_rng(start).uniform(-1, 1, int(4 * SR)).astype(np.float32)
    low, high = peaks(x, SR, start, start + length, columns)
    a, b = int(round(start * SR / 1000)), min(len(x), int(round((start + length) * SR / 1000)))
    assert len(low) == len(high) == columns
    assert np.all(low <= high)
    if b > a:
        assert low.min() == pytest.approx(x[a:b].min()) and high.max() == pytest.approx(x[a:b].max())


def test_spectrogram_shows_the_tone_in_its_band_and_only_then():
    x = burst(freq=1000.0)
    spec = spectrogram(x, SR, 0, 4000, 200, rows=32)
    assert spec.shape == (32, 200) and spec.min() >= 0 and spec.max() <= 1
    on, off = spec[:, 60:90], spec[:, 120:190]        # 1.2–1.8 s (tone) and 2.4–3.8 s (silence)
    band = int(np.argmax(on.mean(axis=1)))
    bounds = np.geomspace(60.0, SR / 2, 33)
    assert bounds[band] <= 1000.0 < bounds[band + 1]
    assert on[band].mean() > 0.9 and off.max() < 0.2


def test_the_track_is_decoded_once_per_file(tmp_path):
    wav = tmp_path / "ep.wav"
    sf.write(wav, burst(), SR)
    calls = []

    def decode(path):
        calls.append(path)
        data, sr = sf.read(path, dtype="float32")
        return AudioTrack(data, sr)

    cache = TrackCache(decode)
    assert cache.cached(wav) is None
    a = cache.get(wav)
    assert cache.get(wav) is a and cache.cached(wav) is a and len(calls) == 1
    sf.write(wav, burst(total_s=2.0), SR)            # the file changed on disk: decoded again
    b = cache.get(wav)
    assert len(calls) == 2 and b.duration == pytest.approx(2.0)


def test_the_cache_decodes_a_real_video(repo_root):
    cache = TrackCache()
    track = cache.get(repo_root / "resources" / "demo" / "demo.mp4")
    assert track.sample_rate == SR and track.duration > 10 and cache.decodes == 1
    low, high = peaks(track.samples, SR, 0, int(track.duration * 1000), 500)
    assert (high - low).max() > 0.05                  # the demo has speech in it
