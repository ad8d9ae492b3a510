"""What the grouping heads read from a feature set: normalised embeddings, validity, and cheap per-line stats.

Accepts the features helper's ``FeatureSet`` or anything with the same attributes (``line_ids``, ``voice``,
``image``, ``stats``, ``valid_voice``, ``valid_image``, ``voice_model``, ``image_model``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import graph

STAT_NAMES = ("log_duration", "loudness", "speech_ratio", "music_ratio", "short", "voice_top1", "voice_top5",
              "image_top1", "image_top5")


@dataclass
class Inputs:
    line_ids: list[str]
    voice: np.ndarray          # (N, Dv) L2-normalised; zero rows where invalid
    image: np.ndarray          # (N, Di) L2-normalised; zero rows where invalid
    valid_voice: np.ndarray
    valid_image: np.ndarray
    stats: np.ndarray          # (N, len(STAT_NAMES)) float32
    voice_model: str
    image_model: str
    voice_space: str = "raw"   # "raw" (the encoder's space) or "lda" (the heads' learned projection applied)

    def __len__(self) -> int:
        return len(self.line_ids)


def _stat(stats: dict, name: str, n: int, default: float) -> np.ndarray:
    v = stats.get(name) if stats else None
    if v is None:
        return np.full(n, default, dtype=np.float32)
    v = np.asarray(v, dtype=np.float32).reshape(-1)
    return np.where(np.isfinite(v), v, default).astype(np.float32)


def density(x: np.ndarray, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Label-free neighbourhood density: cosine to the nearest and mean cosine to the 5 nearest valid lines."""
    n = x.shape[0]
    top1 = np.zeros(n, np.float32)
    top5 = np.zeros(n, np.float32)
    if valid.sum() >= 2:
        _, sim = graph.knn(x, 5, mask=valid)
        ok = valid & np.isfinite(sim[:, 0])
        top1[ok] = sim[ok, 0]
        s = np.where(np.isfinite(sim), sim, np.nan)
        top5[ok] = np.nanmean(s[ok], axis=1)
    return top1, top5


def prepare(features) -> Inputs:
    voice = np.asarray(features.voice, dtype=np.float32)
    image = np.asarray(features.image, dtype=np.float32)
    n = voice.shape[0]
    vv = np.asarray(getattr(features, "valid_voice", np.ones(n, bool)), dtype=bool)
    vi = np.asarray(getattr(features, "valid_image", np.ones(n, bool)), dtype=bool)
    if image.ndim != 2 or image.shape[0] != n:
        image = np.zeros((n, 1), np.float32)
        vi = np.zeros(n, bool)
    voice = graph.l2_normalise(voice) * vv[:, None]
    image = graph.l2_normalise(image) * vi[:, None]
    stats = getattr(features, "stats", {}) or {}
    dur = np.maximum(_stat(stats, "duration_s", n, 1.5), 0.05)
    v1, v5 = density(voice, vv)
    i1, i5 = density(image, vi)
    cols = [np.log(dur), _stat(stats, "loudness_db", n, -30.0) / 30.0, _stat(stats, "speech_ratio", n, 0.8),
            _stat(stats, "music_ratio", n, 0.0), (dur < 1.0).astype(np.float32), v1, v5, i1, i5]
    return Inputs(line_ids=list(features.line_ids), voice=voice, image=image, valid_voice=vv, valid_image=vi,
                  stats=np.stack(cols, axis=1).astype(np.float32),
                  voice_model=str(getattr(features, "voice_model", "")),
                  image_model=str(getattr(features, "image_model", "")))


def confidence_inputs(inp: Inputs, kind: str, mode: str = "embedding+stats") -> np.ndarray:
    """Model input of the voice or image confidence head: the embedding followed by the line stats
    (``mode="embedding+stats"``), or the line stats alone (``mode="stats"``)."""
    if mode == "stats":
        return inp.stats.astype(np.float32)
    emb = inp.voice if kind == "voice" else inp.image
    return np.concatenate([emb, inp.stats], axis=1).astype(np.float32)


def edge_features(inp: Inputs, cv: np.ndarray, ci: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The merge MLP's six inputs per edge: voice sim, image sim, then (voice conf, image conf) of the less
    confident endpoint and of the other (an order that makes the features symmetric in i and j)."""
    sv = graph.pair_cosine(inp.voice, i, j)
    si = graph.pair_cosine(inp.image, i, j)
    swap = cv[i] > cv[j]
    lo = np.where(swap, j, i)
    hi = np.where(swap, i, j)
    return np.stack([sv, si, cv[lo], ci[lo], cv[hi], ci[hi]], axis=1).astype(np.float32)
