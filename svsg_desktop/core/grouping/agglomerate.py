"""Confidence-aware agglomeration over a sparse edge list (method.md, "Clustering").

1. Sure lines (voice confidence ≥ τ, or pinned by a human) are merged first, strongest edge first, with union-find,
   when the edge's score passes ``merge_threshold``.
2. Unsure lines may then **join** one established group (their strongest edge to a sure line that passes
   ``join_threshold``) but never cause two groups to merge: an edge between two unsure lines is never used and an
   unsure line joins at most once.
3. Lines still alone may be **attached** to the group whose voice centroid is nearest when that similarity passes
   ``attach_threshold``.
Constraints: ``must_link`` groups start united (a human put them together); groups carrying different names never
merge (cannot-link). Processing order is fully determined by (score, i, j), so results are deterministic.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from ..progress import ProgressFn, check_cancel, no_progress


@dataclass(frozen=True)
class AggloParams:
    tau: float                      # voice-confidence threshold of a "sure" line
    merge_threshold: float          # edge score needed to merge two groups of sure lines
    join_threshold: float           # edge score needed for an unsure line to join a group
    attach_threshold: float = np.inf  # voice centroid cosine needed to attach a leftover single line
    link_threshold: float = -np.inf   # average voice cosine between two groups needed to merge them
    small_size: float = 1             # groups this small (and not pinned) may attach to a bigger one as a whole
    reassign_margin: float = np.inf   # move an unpinned line to another group whose centroid beats its own by this

    def as_dict(self) -> dict:
        return {k: (None if np.isinf(v) else float(v)) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, d: dict) -> "AggloParams":
        return cls(**{k: (np.inf if v is None else float(v)) for k, v in d.items()})


class UnionFind:
    """Union-find with path halving, union by size and a cannot-link name per root (−1 = unnamed)."""

    def __init__(self, n: int, names: np.ndarray | None = None, vectors: np.ndarray | None = None) -> None:
        self.parent = np.arange(n)
        self.sums = None if vectors is None else np.array(vectors, dtype=np.float32)  # per-root vector sums
        self.size = np.ones(n, dtype=np.int64)
        self.name = np.full(n, -1, dtype=np.int64) if names is None else np.asarray(names, dtype=np.int64).copy()

    def find(self, a: int) -> int:
        p = self.parent
        while p[a] != a:
            p[a] = p[p[a]]
            a = p[a]
        return int(a)

    def can_union(self, ra: int, rb: int) -> bool:
        na, nb = self.name[ra], self.name[rb]
        return na < 0 or nb < 0 or na == nb

    def union(self, a: int, b: int) -> bool:
        """Unite the groups of a and b unless they carry different names. True when they are (now) one group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.can_union(ra, rb):
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        if self.sums is not None:
            self.sums[ra] += self.sums[rb]
        if self.name[ra] < 0:
            self.name[ra] = self.name[rb]
        return True

    def average_link(self, ra: int, rb: int) -> float:
        """Average cosine over all cross pairs of two groups (exact for L2-normalised vectors)."""
        return float(self.sums[ra] @ self.sums[rb]) / float(self.size[ra] * self.size[rb])

    def labels(self) -> np.ndarray:
        """Group label per element, numbered 0.. in order of first appearance."""
        roots = np.array([self.find(a) for a in range(self.parent.size)], dtype=np.int64)
        _, first, inv = np.unique(roots, return_index=True, return_inverse=True)
        rank = np.empty(first.size, dtype=np.int64)
        rank[np.argsort(first, kind="stable")] = np.arange(first.size)
        return rank[inv]


def edge_order(score: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Strongest edge first; ties broken by (i, j) so the order never depends on anything else."""
    return np.lexsort((j, i, -score))


def agglomerate(n: int, i: np.ndarray, j: np.ndarray, score: np.ndarray, conf: np.ndarray, params: AggloParams,
                *, voice: np.ndarray | None = None, must_link: list[list[int]] | None = None,
                names: np.ndarray | None = None, progress: ProgressFn = no_progress,
                cancel: threading.Event | None = None) -> np.ndarray:
    """Group ``n`` lines. ``(i, j, score)`` are candidate edges; ``conf`` the per-line voice confidence;
    ``names`` (n,) int name id per line (−1 none) for cannot-link; ``voice`` (n, D) normalised, for attaching.
    Returns a group label per line (0..)."""
    use_link = voice is not None and np.isfinite(params.link_threshold)
    uf = UnionFind(n, names, voice if use_link else None)
    pinned = np.zeros(n, dtype=bool)
    for group in must_link or []:
        for a in group[1:]:
            if not uf.union(group[0], a):
                raise ValueError("must-link group holds lines with different names")
        pinned[group] = True
    sure = (np.asarray(conf) >= params.tau) | pinned
    order = edge_order(score, i, j)
    oi, oj, os_ = i[order], j[order], score[order]

    # 1. sure lines first, strongest edge first
    # (a group merge also needs the average linkage of the two groups to pass ``link_threshold``; passes repeat
    # while they change anything, since a merge can make another pair of groups pass)
    m = sure[oi] & sure[oj] & (os_ >= params.merge_threshold)
    ea, eb = oi[m].tolist(), oj[m].tolist()
    for sweep in range(4 if use_link else 1):
        changed = False
        for step, (a, b) in enumerate(zip(ea, eb)):
            if step % 20000 == 0:
                check_cancel(cancel)
                progress(0.15 * sweep + 0.15 * step / max(1, len(ea)), "merging sure lines")
            ra, rb = uf.find(a), uf.find(b)
            if ra == rb or (use_link and uf.average_link(ra, rb) < params.link_threshold):
                continue
            changed |= uf.union(ra, rb)
        if not changed:
            break

    # 2. unsure lines join (at most once; never through another unsure line)
    joined = np.zeros(n, dtype=bool)
    m = (sure[oi] ^ sure[oj]) & (os_ >= params.join_threshold)
    check_cancel(cancel)
    progress(0.6, "joining unsure lines")
    for a, b in zip(oi[m].tolist(), oj[m].tolist()):
        u, o = (a, b) if not sure[a] else (b, a)
        if joined[u]:
            continue
        if uf.union(u, o):
            joined[u] = True

    # 3. leftover small groups (single lines by default) attach, whole, to the nearest bigger group's centroid
    if voice is not None and np.isfinite(params.attach_threshold):
        check_cancel(cancel)
        progress(0.8, "attaching single lines")
        labels = uf.labels()
        counts = np.bincount(labels)
        pinned_group = np.zeros(counts.size, bool)
        pinned_group[labels[pinned]] = True
        small = np.flatnonzero((counts <= params.small_size) & ~pinned_group)
        big = np.flatnonzero(counts > params.small_size)
        if small.size and big.size:
            cent = np.zeros((counts.size, voice.shape[1]), dtype=np.float64)
            np.add.at(cent, labels, voice)
            cent /= np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12)
            cent = cent.astype(np.float32)
            _, first = np.unique(labels, return_index=True)   # first line of each group
            for s0 in range(0, small.size, 4096):
                groups = small[s0:s0 + 4096]
                sims = cent[groups] @ cent[big].T
                best = sims.argmax(axis=1)
                ok = sims[np.arange(groups.size), best] >= params.attach_threshold
                for g, b in zip(groups[ok].tolist(), best[ok].tolist()):
                    uf.union(int(first[g]), int(first[big[b]]))
    labels = uf.labels()
    if voice is not None and np.isfinite(params.reassign_margin):
        labels = _reassign(labels, voice, pinned, params)
    progress(1.0, "grouped")
    return labels


def _reassign(labels: np.ndarray, voice: np.ndarray, pinned: np.ndarray, params: AggloParams) -> np.ndarray:
    """One k-means-like refinement: an unpinned line moves to the bigger group whose voice centroid (without the
    line itself) is more similar than its own group's by ``reassign_margin``. Groups holding pinned lines keep
    them; cannot-link is unaffected (named groups only gain lines that were not named)."""
    counts = np.bincount(labels)
    big = np.flatnonzero(counts > max(params.small_size, 1))
    if big.size < 2:
        return labels
    sums = np.zeros((counts.size, voice.shape[1]), dtype=np.float64)
    np.add.at(sums, labels, voice)
    cent = sums[big] / np.maximum(np.linalg.norm(sums[big], axis=1, keepdims=True), 1e-12)
    out = labels.copy()
    pos = {g: k for k, g in enumerate(big)}
    for s0 in range(0, labels.size, 4096):
        rows = np.arange(s0, min(s0 + 4096, labels.size))
        sims = (voice[rows] @ cent.T.astype(np.float32)).astype(np.float64)
        own = np.array([pos.get(g, -1) for g in labels[rows]])
        has = own >= 0
        # own centroid without the line itself
        own_sum = sums[labels[rows[has]]] - voice[rows[has]]
        own_sim = np.full(rows.size, -np.inf)
        own_sim[has] = np.einsum("ij,ij->i", own_sum, voice[rows[has]]) / np.maximum(
            np.linalg.norm(own_sum, axis=1), 1e-12)
        sims[has, own[has]] = -np.inf
        best = sims.argmax(axis=1)
        move = (sims[np.arange(rows.size), best] > own_sim + params.reassign_margin) & ~pinned[rows] & has
        out[rows[move]] = big[best[move]]
    return out
