"""A speaker-discriminative projection of the voice embeddings, learned on labeled training episodes.

Classes are (episode, speaker): every episode draws its own cast, so a class never spans episodes. The projection
is regularised LDA — whiten the within-class scatter (plus ``reg`` × its mean eigenvalue on the diagonal, so rare
directions are not blown up), then keep the ``dim`` directions with the largest between-class scatter — as done
for x-vectors before cosine/PLDA scoring in speaker diarization. Projected vectors are L2-normalised again, so every
later step (kNN graph, cosine edges, average linkage, confidence heads) works unchanged in the new space. It is
stored next to the heads (``voice_projection.npz``: ``mean`` (D,), ``matrix`` (D, dim)) and recorded in heads.json.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..errors import InputError, ModelError
from . import graph
from .inputs import Inputs, density

log = logging.getLogger(__name__)
DEFAULT_DIM, DEFAULT_REG = 32, 0.1
PROJECTED = "lda"


def fit_projection(episodes, *, dim: int = DEFAULT_DIM, reg: float = DEFAULT_REG) -> tuple[np.ndarray, np.ndarray]:
    """(mean, matrix) from labeled episodes (:class:`~.training.LabeledEpisode`); classes = (episode, speaker).
    Keeps at most ``classes − 1`` dimensions (the rank of the between-class scatter)."""
    xs, ys = [], []
    for k, ep in enumerate(episodes):
        rows = np.flatnonzero(ep.inputs.valid_voice & (ep.labels != ""))
        xs.append(ep.inputs.voice[rows].astype(np.float64))
        ys += [f"{k}\0{s}" for s in ep.labels[rows]]
    x = np.concatenate(xs) if xs else np.zeros((0, 0))
    y = np.array(ys, dtype=object)
    classes = np.unique(y) if y.size else np.zeros(0)
    if classes.size < 2 or x.shape[0] <= classes.size:
        raise InputError(f"the voice projection needs labeled lines of at least 2 speakers, with more lines than "
                         f"speakers (got {x.shape[0]} lines, {classes.size} speakers)", code="projection_data")
    mu = x.mean(axis=0)
    d = x.shape[1]
    sw, sb = np.zeros((d, d)), np.zeros((d, d))
    for c in classes:
        xc = x[y == c]
        mc = xc.mean(axis=0)
        sw += (xc - mc).T @ (xc - mc)
        sb += len(xc) * np.outer(mc - mu, mc - mu)
    sw /= len(x)
    sb /= len(x)
    sw += reg * np.trace(sw) / d * np.eye(d)
    w, v = np.linalg.eigh(sw)
    white = v / np.sqrt(np.maximum(w, 1e-12))
    bw, bv = np.linalg.eigh(white.T @ sb @ white)
    keep = np.argsort(bw)[::-1][:min(dim, d, classes.size - 1)]     # between-class rank ≤ classes − 1
    return mu.astype(np.float32), (white @ bv[:, keep]).astype(np.float32)


def project_voice(voice: np.ndarray, valid: np.ndarray, mean: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Projected, L2-normalised voice vectors; rows without a valid voice stay zero."""
    out = graph.l2_normalise(((voice - mean) @ matrix).astype(np.float32))
    return (out * valid[:, None]).astype(np.float32)


def apply_projection(inp: Inputs, mean: np.ndarray, matrix: np.ndarray) -> Inputs:
    """The same inputs with the voice replaced by its projection (and the voice density stats recomputed)."""
    if inp.voice_space == PROJECTED:
        return inp
    if inp.voice.shape[1] != mean.shape[0]:
        raise ModelError(f"the voice projection expects {mean.shape[0]}-d voice embeddings, got "
                         f"{inp.voice.shape[1]}-d; run `svsg train` for this voice encoder", code="heads_mismatch")
    voice = project_voice(inp.voice, inp.valid_voice, mean, matrix)
    stats = inp.stats.copy()
    stats[:, 5], stats[:, 6] = density(voice, inp.valid_voice)      # voice_top1, voice_top5
    return replace(inp, voice=voice, stats=stats, voice_space=PROJECTED)


def save_projection(path: str | Path, mean: np.ndarray, matrix: np.ndarray) -> None:
    np.savez(path, mean=np.asarray(mean, np.float32), matrix=np.asarray(matrix, np.float32))


def load_projection(path: str | Path, data: bytes | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Read a projection from ``path`` (or from ``data``, its already-verified bytes)."""
    try:
        with np.load(io.BytesIO(data) if data is not None else path) as z:
            mean, matrix = np.asarray(z["mean"], np.float32), np.asarray(z["matrix"], np.float32)
    except (OSError, KeyError, ValueError) as err:
        raise ModelError(f"cannot read the voice projection {path}: {err}; run `svsg train` (or restore "
                         "models/heads/ from the repository)", code="head_invalid", path=str(path)) from err
    if mean.ndim != 1 or matrix.ndim != 2 or matrix.shape[0] != mean.shape[0]:
        raise ModelError(f"voice projection {path} has inconsistent shapes {mean.shape} and {matrix.shape}",
                         code="head_invalid", path=str(path))
    return mean, matrix
