"""Synthetic embeddings with realistic cluster structure, for tests and the scale benchmark (no media needed).

Speakers get Zipf-distributed line counts; a line's voice embedding is its speaker's centroid plus noise that grows
for short lines (as measured: short lines are where voice fails); its image embedding mixes a location (scene)
component with a speaker component only when the speaker is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class SyntheticFeatures:
    """Duck-types the features helper's FeatureSet (the attributes the grouping engine reads) plus the truth."""

    line_ids: list[str]
    voice: np.ndarray
    image: np.ndarray
    stats: dict[str, np.ndarray]
    valid_voice: np.ndarray
    valid_image: np.ndarray
    speakers: np.ndarray                      # true label per line
    voice_model: str = "synthetic-voice"
    image_model: str = "synthetic-image"
    problems: dict[str, str] = field(default_factory=dict)


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)).astype(np.float32)


def make_synthetic(n_lines: int = 300, n_speakers: int = 6, *, seed: int = 0, dv: int = 256, di: int = 64,
                   n_locations: int = 5, noise: float = 0.6, zipf: float = 1.1,
                   offscreen: float = 0.3) -> SyntheticFeatures:
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_speakers + 1) ** zipf
    spk = rng.choice(n_speakers, size=n_lines, p=weights / weights.sum())
    # a few lines per speaker at least, so every speaker exists
    spk[:n_speakers] = np.arange(n_speakers)
    rng.shuffle(spk)
    common = _unit(rng.normal(size=(1, dv)))                       # embeddings share a mean direction (ReLU'd)
    v_centres = _unit(2.0 * common + _unit(rng.normal(size=(n_speakers, dv))))
    duration = np.clip(rng.lognormal(mean=0.35, sigma=0.6, size=n_lines), 0.3, 8.0)
    sigma = noise * (0.6 + 0.9 / np.sqrt(duration))               # short lines: much noisier voice
    basis = _unit(rng.normal(size=(24, dv)))                          # noise lives in a low-rank subspace
    noise_v = rng.normal(size=(n_lines, 24)) @ basis / np.sqrt(24)
    voice = _unit(v_centres[spk] + sigma[:, None] * noise_v)
    loc_centres = _unit(rng.normal(size=(n_locations, di)))
    i_centres = _unit(rng.normal(size=(n_speakers, di)))
    loc = np.minimum(np.arange(n_lines) * n_locations // max(n_lines, 1), n_locations - 1)
    visible = rng.random(n_lines) >= offscreen
    image = loc_centres[loc] + 0.8 * visible[:, None] * i_centres[spk] + 0.35 * rng.normal(size=(n_lines, di))
    image = _unit(image)
    stats = {
        "duration_s": duration.astype(np.float32),
        "loudness_db": (-25 + 4 * rng.normal(size=n_lines)).astype(np.float32),
        "speech_ratio": np.clip(0.9 - 0.1 / duration + 0.05 * rng.normal(size=n_lines), 0, 1).astype(np.float32),
        "music_ratio": np.clip(0.1 * rng.random(n_lines), 0, 1).astype(np.float32),
    }
    names = np.array([f"S{k:02d}" for k in range(n_speakers)])
    return SyntheticFeatures(line_ids=[f"L{i + 1:05d}" for i in range(n_lines)], voice=voice, image=image,
                             stats=stats, valid_voice=np.ones(n_lines, bool), valid_image=np.ones(n_lines, bool),
                             speakers=names[spk])
