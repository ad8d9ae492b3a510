"""Group-level hints, GUI-free: "these two groups may be the same person". Each pair of groups is scored with the
engine's own edge score (the grouping heads' merge score, :meth:`Heads.edge_scores`) over the cross pairs of their
most confident lines, averaged; the highest pairs come first. Groups a human named differently are never offered
(the engine never merges them either: cannot-link)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import paths
from .grouping import graph
from .grouping.inputs import Inputs, prepare
from .progress import ProgressFn, SubProgress, check_cancel, no_progress
from .project import Project

PER_GROUP = 8          # lines per group that take part in a pair's score (the most confident ones)
TOP = 10


@dataclass(frozen=True)
class PairHint:
    a: int           # group ids (a < b)
    b: int
    score: float     # the engine's mean edge score across the two groups (higher = more alike)


@dataclass
class HintBasis:
    """What scoring needs, computed once per episode: the engine's inputs and per-line voice/image confidence.
    ``heads`` None scores by voice cosine alone."""

    inputs: Inputs
    cv: np.ndarray
    ci: np.ndarray
    heads: object | None = None
    method: str = "voice"
    threshold: float | None = None     # the engine's merge threshold for ``method`` (an edge this strong merges)

    def scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if self.heads is None:
            return graph.pair_cosine(self.inputs.voice, i, j)
        return self.heads.edge_scores(self.method, self.inputs, self.cv, self.ci, i, j)


def hint_basis(features, heads=None, method: str | None = None) -> HintBasis:
    """From a feature set (``FeatureSet`` or the same attributes): the heads' projection and confidences, as the
    engine computes them in :func:`~.grouping.engine.cluster_lines`."""
    raw = prepare(features)
    if heads is None:
        cv = raw.valid_voice.astype(np.float32)
        return HintBasis(raw, cv, raw.valid_image.astype(np.float32))
    heads.check(raw)
    inp = heads.project(raw)
    cv, ci = heads.confidence(inp)
    method = method or heads.meta.get("default_method", "mlp")
    return HintBasis(inp, cv, ci, heads, method, float(heads.params(method).merge_threshold))


def _members(basis: HintBasis, assignment: dict[str, int | None], per_group: int) -> dict[int, np.ndarray]:
    """Group id → row indices of its ``per_group`` most confident lines with a voice embedding."""
    rows: dict[int, list[int]] = {}
    for k, lid in enumerate(basis.inputs.line_ids):
        g = assignment.get(lid)
        if g is not None and basis.inputs.valid_voice[k]:
            rows.setdefault(g, []).append(k)
    out = {}
    for g, ks in rows.items():
        ks = np.asarray(ks)
        out[g] = ks[np.argsort(-basis.cv[ks], kind="stable")[:per_group]]
    return out


def pair_hints(basis: HintBasis, assignment: dict[str, int | None], names: dict[int, str] | None = None, *,
               top: int = TOP, per_group: int = PER_GROUP) -> list[PairHint]:
    """The ``top`` most alike pairs of groups under ``assignment`` (line id → group id), best first."""
    names = names or {}
    members = _members(basis, assignment, per_group)
    groups = sorted(members)
    pairs, ii, jj = [], [], []
    for x, a in enumerate(groups):
        for b in groups[x + 1:]:
            na, nb = names.get(a, ""), names.get(b, "")
            if na and nb and na != nb:
                continue               # a human said these are two people
            i, j = np.meshgrid(members[a], members[b], indexing="ij")
            pairs.append((a, b, i.size))
            ii.append(i.ravel())
            jj.append(j.ravel())
    if not pairs:
        return []
    score = np.asarray(basis.scores(np.concatenate(ii), np.concatenate(jj)), dtype=np.float64)
    bounds = np.cumsum([0] + [n for _, _, n in pairs])
    hints = [PairHint(a, b, float(score[bounds[k]:bounds[k + 1]].mean())) for k, (a, b, _) in enumerate(pairs)]
    hints.sort(key=lambda h: (-h.score, h.a, h.b))
    return hints[:top]


def project_hints(basis: HintBasis, project: Project, *, top: int = TOP) -> list[PairHint]:
    """:func:`pair_hints` for the project's current groups and names."""
    assignment = {lid: ln.cluster for lid, ln in project.lines.items() if ln.is_dialogue}
    return pair_hints(basis, assignment, {c: v.name for c, v in project.clusters.items()}, top=top)


def basis_job(project: Project, *, device: str = "auto", heads=None, cache_dir: str | Path | None = None,
              progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> HintBasis | None:
    """The app's background job: the dialogue lines' features (from the feature cache after a grouping: nothing
    is recomputed) → :class:`HintBasis`. None when there is no dialogue line or no video."""
    from .features import extract_features
    from .grouping.heads import Heads

    dialogue = [ln for ln in project.ordered() if ln.is_dialogue]
    if not dialogue or not project.video or not Path(project.video).is_file():
        return None
    heads = heads if heads is not None else Heads.load()
    feats = extract_features(project.video, dialogue, cache_dir=paths.cache_dir() if cache_dir is None else cache_dir,
                             device=device, progress=SubProgress(progress, 0.0, 0.9), cancel=cancel)
    check_cancel(cancel)
    basis = hint_basis(feats, heads)
    progress(1.0, "group hints ready")
    return basis
