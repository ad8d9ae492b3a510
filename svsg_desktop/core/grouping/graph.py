"""Sparse similarity graphs: blocked exact top-k by cosine (never a dense N×N matrix), optionally on a PCA
projection at scale, and per-edge cosine similarities."""

from __future__ import annotations

import threading

import numpy as np

from ..progress import ProgressFn, check_cancel, no_progress


def l2_normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def pca_project(x: np.ndarray, dim: int, sample: int = 20000, seed: int = 0) -> np.ndarray:
    """Project rows on the top ``dim`` principal directions (fitted on a seeded subsample), re-normalised."""
    if x.shape[1] <= dim:
        return x
    rng = np.random.default_rng(seed)
    rows = rng.choice(x.shape[0], size=min(sample, x.shape[0]), replace=False)
    sub = x[np.sort(rows)].astype(np.float64)
    mean = sub.mean(axis=0)
    _, _, vt = np.linalg.svd(sub - mean, full_matrices=False)
    return l2_normalise((x - mean.astype(np.float32)) @ vt[:dim].T.astype(np.float32))


def _knn_setup(x: np.ndarray, k: int, mask: np.ndarray | None):
    """Normalised rows, candidate rows, k' = min(k, candidates − 1), and the empty (idx, sim) result arrays."""
    x = l2_normalise(x)
    cand = np.arange(x.shape[0]) if mask is None else np.flatnonzero(mask)
    kk = max(0, min(k, cand.size - 1))
    idx = np.full((x.shape[0], kk), -1, dtype=np.int64)
    sim = np.full((x.shape[0], kk), -np.inf, dtype=np.float32)
    return x, cand, kk, idx, sim


def knn(x: np.ndarray, k: int, *, mask: np.ndarray | None = None, block_bytes: int = 64 << 20,
        progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` cosine neighbours of every row of ``x`` among the rows where ``mask`` is set (all by default).

    Returns (idx, sim), each (N, k'), k' = min(k, candidates − 1), best first; rows outside the mask get −1 / −inf.
    Memory is O(block × N): ``block_bytes`` bounds the similarity block."""
    x, cand, kk, idx, sim = _knn_setup(x, k, mask)
    if kk == 0:
        return idx, sim
    xc = x[cand]
    rows_all = cand
    block = max(1, int(block_bytes // (4 * max(cand.size, 1))))
    for a in range(0, rows_all.size, block):
        check_cancel(cancel)
        rows = rows_all[a:a + block]
        s = x[rows] @ xc.T
        s[np.arange(rows.size), a + np.arange(rows.size)] = -np.inf       # no self edge (rows are cand[a:...])
        part = np.argpartition(-s, kk - 1, axis=1)[:, :kk]
        ps = np.take_along_axis(s, part, axis=1)
        order = np.argsort(-ps, axis=1, kind="stable")
        idx[rows] = cand[np.take_along_axis(part, order, axis=1)]
        sim[rows] = np.take_along_axis(ps, order, axis=1)
        progress(min(1.0, (a + rows.size) / rows_all.size), "similarity graph")
    return idx, sim


def edge_list(*neighbour_lists: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique undirected edges (i < j) from one or more (N, k) neighbour index arrays (−1 = none)."""
    parts = []
    for nb in neighbour_lists:
        if nb.size == 0:
            continue
        i = np.repeat(np.arange(nb.shape[0]), nb.shape[1])
        j = nb.ravel()
        ok = j >= 0
        parts.append(np.stack([np.minimum(i[ok], j[ok]), np.maximum(i[ok], j[ok])], axis=1))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    e = np.unique(np.concatenate(parts), axis=0)
    e = e[e[:, 0] != e[:, 1]]
    return e[:, 0], e[:, 1]


def pair_cosine(x: np.ndarray, i: np.ndarray, j: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """Cosine of rows i and j of (already L2-normalised) ``x``, chunked."""
    out = np.empty(i.size, dtype=np.float32)
    for a in range(0, i.size, chunk):
        out[a:a + chunk] = np.einsum("ij,ij->i", x[i[a:a + chunk]], x[j[a:a + chunk]])
    return out


def knn_ivf(x: np.ndarray, k: int, *, mask: np.ndarray | None = None, n_lists: int | None = None,
            n_probe: int = 6, seed: int = 0, progress: ProgressFn = no_progress,
            cancel: threading.Event | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Approximate top-``k`` cosine neighbours for large N (an inverted-file index: k-means lists; each list's
    members search the ``n_probe`` lists nearest to their own list's centroid). Same output as :func:`knn`."""
    from sklearn.cluster import MiniBatchKMeans

    x, cand, kk, idx, sim = _knn_setup(x, k, mask)
    if kk == 0:
        return idx, sim
    xc = x[cand]
    n_lists = n_lists or max(1, int(np.sqrt(cand.size)))
    km = MiniBatchKMeans(n_clusters=n_lists, random_state=seed, n_init=1, batch_size=4096,
                         max_iter=20).fit(xc[np.random.default_rng(seed).choice(cand.size, min(cand.size, 50000),
                                                                                  replace=False)])
    assign = km.predict(xc)
    cent = l2_normalise(km.cluster_centers_)
    near = np.argsort(-(cent @ cent.T), axis=1)[:, :n_probe]
    members = [np.flatnonzero(assign == c) for c in range(n_lists)]
    for c in range(n_lists):
        if c % 20 == 0:
            check_cancel(cancel)
            progress(c / n_lists, "similarity graph")
        rows = members[c]
        if rows.size == 0:
            continue
        pool = np.concatenate([members[p] for p in near[c]])
        s = xc[rows] @ xc[pool].T
        s[pool[None, :] == rows[:, None]] = -np.inf
        kc = min(kk, pool.size - 1)
        if kc <= 0:
            continue
        part = np.argpartition(-s, kc - 1, axis=1)[:, :kc]
        ps = np.take_along_axis(s, part, axis=1)
        order = np.argsort(-ps, axis=1, kind="stable")
        idx[cand[rows], :kc] = cand[pool[np.take_along_axis(part, order, axis=1)]]
        sim[cand[rows], :kc] = np.take_along_axis(ps, order, axis=1)
    progress(1.0, "similarity graph")
    return idx, sim
