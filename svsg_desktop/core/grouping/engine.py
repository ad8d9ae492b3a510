"""The grouping entry point: features → confidence → sparse graph → constrained agglomeration → names.

``cluster_lines(features, heads=..., constraints=..., library=...)`` returns a :class:`GroupingResult`. Human
corrections come in as :class:`Constraints`: lines a human put in one group, merged or named stay together
(must-link) and keep that group's id; groups with different names never merge (cannot-link)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import numpy as np

from ..progress import ProgressFn, SubProgress, check_cancel, no_progress
from . import graph
from .adaptive import adaptive_groups
from .agglomerate import AggloParams, agglomerate
from .heads import ADAPTIVE, Heads
from .inputs import STAT_NAMES, Inputs, prepare

log = logging.getLogger(__name__)
K_VOICE, K_IMAGE = 10, 5
PCA_ABOVE, PCA_DIM = 20000, 64          # approximate candidate search only at scale; scores stay exact


@dataclass
class Constraints:
    """``groups``: line id → human group id (lines a person kept in their group); ``names``: group id → name
    ("" = unnamed) for the human groups and every named group (their ids are never given to a fresh group)."""

    groups: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    @classmethod
    def from_project(cls, project) -> "Constraints":
        """Must-link: the lines a person checked (``pinned``) or kept with their group by merging or naming it
        (``kept``: not checked, still in the review queue), by group. Cannot-link: those groups, pairwise."""
        groups = {ln.id: ln.cluster for ln in project.lines.values() if ln.held}
        names = {cid: project.clusters[cid].name for cid in set(groups.values()) if cid in project.clusters}
        names.update({c.id: c.name for c in project.clusters.values() if c.name})
        return cls(groups=groups, names=names)


@dataclass
class GroupingResult:
    assignment: dict[str, int | None]
    confidences: dict[str, float]
    names: dict[int, str] = field(default_factory=dict)
    name_confidence: dict[int, float] = field(default_factory=dict)
    method: str = ""

    def labels(self, line_ids: list[str]) -> list[int | None]:
        return [self.assignment.get(i) for i in line_ids]


def candidate_edges(inp: Inputs, *, progress: ProgressFn = no_progress,
                    cancel: threading.Event | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Voice kNN ∪ image kNN (valid lines only), as unique undirected edges."""
    lists = []
    for x, valid, k, lo, hi in ((inp.voice, inp.valid_voice, K_VOICE, 0.0, 0.6),
                                (inp.image, inp.valid_image, K_IMAGE, 0.6, 1.0)):
        if valid.sum() < 2:
            continue
        if len(inp) > PCA_ABOVE:      # at scale: PCA projection + inverted-file (approximate) search
            idx, _ = graph.knn_ivf(graph.pca_project(x, PCA_DIM), k, mask=valid,
                                   progress=SubProgress(progress, lo, hi), cancel=cancel)
        else:
            idx, _ = graph.knn(x, k, mask=valid, progress=SubProgress(progress, lo, hi), cancel=cancel)
        lists.append(idx)
    return graph.edge_list(*lists)


def group_arrays(inp: Inputs, cv: np.ndarray, ci: np.ndarray, params: AggloParams, scorer, *,
                 edges: tuple[np.ndarray, np.ndarray] | None = None, must_link: list[list[int]] | None = None,
                 names: np.ndarray | None = None, progress: ProgressFn = no_progress,
                 cancel: threading.Event | None = None) -> np.ndarray:
    """Group label per line (0..), lines without a voice embedding get −1. ``scorer(i, j) -> score``."""
    i, j = edges if edges is not None else candidate_edges(inp, progress=SubProgress(progress, 0, 0.5),
                                                           cancel=cancel)
    check_cancel(cancel)
    score = scorer(i, j)
    labels = agglomerate(len(inp), i, j, score, cv, params, voice=inp.voice, must_link=must_link, names=names,
                         progress=SubProgress(progress, 0.5, 1.0), cancel=cancel)
    pinned = np.zeros(len(inp), bool)
    for g in must_link or []:
        pinned[g] = True
    labels = labels.copy()
    labels[~inp.valid_voice & ~pinned] = -1
    return labels


def line_durations(inp: Inputs) -> np.ndarray:
    """Seconds per line (from the ``log_duration`` stat; 1.5 s where the features had none)."""
    return np.exp(inp.stats[:, STAT_NAMES.index("log_duration")].astype(np.float64))


def group_with_heads(inp: Inputs, cv: np.ndarray, ci: np.ndarray, heads, method: str, *,
                     must_link: list[list[int]] | None = None, names: np.ndarray | None = None, seed: int = 0,
                     progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> np.ndarray:
    """Group label per line (−1: no voice, not pinned) with one of the heads' methods: "adaptive" (episode-
    adaptive, :mod:`.adaptive`) or an edge score with calibrated thresholds (:mod:`.agglomerate`). ``inp`` is in
    the heads' voice space (``heads.project``) and ``cv``/``ci`` are the heads' confidences."""
    if method == ADAPTIVE:
        return adaptive_groups(inp.voice, inp.valid_voice, cv, heads.adaptive_params(), must_link=must_link,
                               names=names, seed=seed, duration=line_durations(inp), progress=progress,
                               cancel=cancel)

    def scorer(i, j):
        return heads.edge_scores(method, inp, cv, ci, i, j)

    return group_arrays(inp, cv, ci, heads.params(method), scorer, must_link=must_link, names=names,
                        progress=progress, cancel=cancel)


def cluster_lines(features, *, heads=None, constraints: Constraints | None = None, library=None,
                  method: str | None = None, seed: int = 0, progress: ProgressFn = no_progress,
                  cancel: threading.Event | None = None) -> GroupingResult:
    """Group the lines of one episode. ``heads``: a loaded :class:`~.heads.Heads` (default: models/heads).
    ``method``: "voice", "voice+image" or "mlp" (default: the heads' ``default_method``, chosen on held-out
    episodes at training time). Deterministic: the same features, heads and constraints always give the same result (``seed`` only
    matters for the PCA subsample at scale)."""
    heads = heads if heads is not None else Heads.load()
    method = method or heads.meta.get("default_method", "mlp")
    progress(0.0, "preparing features")
    raw = prepare(features)
    heads.check(raw)
    inp = heads.project(raw)
    check_cancel(cancel)
    cv, ci = heads.confidence(inp)
    progress(0.1, "confidence")
    constraints = constraints or Constraints()
    pos = {lid: k for k, lid in enumerate(inp.line_ids)}
    by_group: dict[int, list[int]] = {}
    for lid, g in constraints.groups.items():
        if lid in pos:
            by_group.setdefault(g, []).append(pos[lid])
    name_ids: dict[str, int] = {}
    names = np.full(len(inp), -1, dtype=np.int64)
    for g, members in sorted(by_group.items()):
        # every human group is cannot-linked to every other (same name → same key): a re-run never merges
        # what a human kept apart
        key = constraints.names.get(g, "") or f"\0group {g}"
        names[members] = name_ids.setdefault(key, len(name_ids))
    must_link = [sorted(m) for _, m in sorted(by_group.items())]
    labels = group_with_heads(inp, cv, ci, heads, method, must_link=must_link, names=names, seed=seed,
                              progress=SubProgress(progress, 0.1, 0.85), cancel=cancel)
    result = _to_result(inp, labels, cv, by_group, constraints, method)
    if library is not None:
        check_cancel(cancel)
        progress(0.9, "naming groups from the character library")
        library.name_groups(result, raw, cv, constraints)
    progress(1.0, "done")
    return result


def _to_result(inp: Inputs, labels: np.ndarray, cv: np.ndarray, by_group: dict[int, list[int]],
               constraints: Constraints, method: str) -> GroupingResult:
    """Map internal labels to group ids: a group holding human-pinned lines keeps that human group's id; the
    others get fresh ids after every human one."""
    ids: dict[int, int] = {}
    for g, members in sorted(by_group.items()):
        ids.setdefault(int(labels[members[0]]), g)
    next_id = max([0, *constraints.groups.values(), *constraints.names]) + 1
    assignment: dict[str, int | None] = {}
    for k, lid in enumerate(inp.line_ids):
        lab = int(labels[k])
        if lab < 0:
            assignment[lid] = None
            continue
        if lab not in ids:
            ids[lab] = next_id
            next_id += 1
        assignment[lid] = ids[lab]
    names = {g: constraints.names[g] for g in set(ids.values()) if constraints.names.get(g)}
    conf = {lid: float(cv[k]) for k, lid in enumerate(inp.line_ids)}
    return GroupingResult(assignment=assignment, confidences=conf, names=names, method=method)
