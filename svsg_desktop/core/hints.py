"""Group-level hints, GUI-free: "these two groups may be the same person". Each pair of groups is scored with the
engine's own edge score (the grouping heads' merge score, :meth:`Heads.edge_scores`) over the cross pairs of their
most confident lines, averaged; the highest pairs come first. Groups a human named differently are never offered
(the engine never merges them either: cannot-link)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
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
    ``heads`` None scores by voice cosine alone. Line-pair scores are kept once computed (the engine's edge score
    is symmetric and the lines' features do not change), so re-ranking after an edit scores only new pairs."""

    inputs: Inputs
    cv: np.ndarray
    ci: np.ndarray
    heads: object | None = None
    method: str = "voice"
    threshold: float | None = None     # the engine's merge threshold for ``method`` (an edge this strong merges)
    _keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)   # sorted pair keys
    _values: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float64), repr=False)

    def _score(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if self.heads is None:
            return graph.pair_cosine(self.inputs.voice, i, j)
        return self.heads.edge_scores(self.method, self.inputs, self.cv, self.ci, i, j)

    def scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        n = np.int64(max(1, len(self.inputs)))
        key = np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j)
        out = np.empty(len(key), np.float64)
        pos = np.minimum(np.searchsorted(self._keys, key), max(0, len(self._keys) - 1))
        hit = self._keys[pos] == key if len(self._keys) else np.zeros(len(key), bool)
        out[hit] = self._values[pos[hit]]
        if not hit.all():
            new, back = np.unique(key[~hit], return_inverse=True)
            got = np.asarray(self._score(new // n, new % n), dtype=np.float64)
            out[~hit] = got[back]
            keys, values = np.concatenate([self._keys, new]), np.concatenate([self._values, got])
            order = np.argsort(keys, kind="stable")
            self._keys, self._values = keys[order], values[order]
        return out


def scoring_method(heads) -> str:
    """The method whose edge score ranks group pairs: the heads' default when it scores edges; else (the adaptive
    method has no edge score) the edge-scoring method with the fewest operations on the heads' held-out episodes."""
    scored = list(heads.meta.get("methods") or {})
    default = heads.meta.get("default_method", "mlp")
    if default in scored or not scored:
        return default
    held = (heads.meta.get("report") or {}).get("held_out") or {}
    return min(scored, key=lambda m: (held.get(m) or {}).get("ops_per_100", float("inf")))


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
    method = method or scoring_method(heads)
    return HintBasis(inp, cv, ci, heads, method, float(heads.params(method).merge_threshold))


def _members(basis: HintBasis, assignment: dict[str, int | None], per_group: int) -> tuple[list[int], np.ndarray]:
    """Group ids (sorted) and a (groups, per_group) array of row indices of each group's most confident lines
    with a voice embedding, −1 where a group has fewer."""
    rows: dict[int, list[int]] = {}
    for k, lid in enumerate(basis.inputs.line_ids):
        g = assignment.get(lid)
        if g is not None and basis.inputs.valid_voice[k]:
            rows.setdefault(g, []).append(k)
    groups = sorted(rows)
    members = np.full((len(groups), per_group), -1, np.int64)
    for r, g in enumerate(groups):
        ks = np.asarray(rows[g])
        best = ks[np.argsort(-basis.cv[ks], kind="stable")[:per_group]]
        members[r, :len(best)] = best
    return groups, members


def pair_hints(basis: HintBasis, assignment: dict[str, int | None], names: dict[int, str] | None = None, *,
               top: int = TOP, per_group: int = PER_GROUP) -> list[PairHint]:
    """The ``top`` most alike pairs of groups under ``assignment`` (line id → group id), best first."""
    names = names or {}
    groups, members = _members(basis, assignment, per_group)
    ga, gb = np.triu_indices(len(groups), 1)
    label = [names.get(g, "") for g in groups]
    apart = np.array([bool(label[a] and label[b] and label[a] != label[b]) for a, b in zip(ga, gb)], bool)
    ga, gb = ga[~apart], gb[~apart]           # groups a human named differently: two people
    if not len(ga):
        return []
    i = np.broadcast_to(members[ga][:, :, None], (len(ga), per_group, per_group))
    j = np.broadcast_to(members[gb][:, None, :], (len(ga), per_group, per_group))
    used = (i >= 0) & (j >= 0)
    score = np.zeros(used.shape, np.float64)
    score[used] = basis.scores(i[used], j[used])
    mean = score.sum(axis=(1, 2)) / used.sum(axis=(1, 2))
    hints = [PairHint(groups[a], groups[b], float(m)) for a, b, m in zip(ga, gb, mean)]
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
    project_hints(basis, project)          # the first ranking here, on the worker: its pair scores are kept
    progress(1.0, "group hints ready")
    return basis
