"""Episode-adaptive grouping (issue 10): every decision is relative to the episode's own similarity structure, so
nothing calibrated on other material is used as an absolute similarity cut.

1. **Sure lines shape the groups.** The least confident share of the valid lines (``unsure_fraction``, ranked by
   the voice-confidence head, a rank so that the head's absolute scale does not matter) may join a group later but
   never shapes or bridges one. Lines a human pinned are always sure; each human group is one unit.
2. **Atoms.** Sure lines are the atoms when there are few enough; at scale they are reduced to ``max_atoms``
   k-means atoms (seeded) so that the spectral step below stays small whatever the episode's length.
3. **Number of speakers and partition (NME-SC, Park et al. 2019).** The atoms' cosine affinity is pruned per row
   to its ``p`` strongest entries and binarised (invariant to any monotone change of the similarities, e.g. a
   global offset or scale); the ``p`` that minimises p / (largest normalised eigengap of the graph Laplacian) is
   chosen; the number of speakers is the position of that eigengap, and k-means on the Laplacian's first
   eigenvectors partitions the atoms.
4. **Constraints.** Differently named human groups never share a group (cannot-link): a spectral cluster holding
   several is split around them.
5. **Centroid reassignment** (as in pyannote's agglomerative pipeline): unpinned sure lines move to the group
   whose centroid is most similar (a few rounds), then every unsure line joins the most similar centroid — it
   only joins, so it can never bridge two groups. Pinned lines never move.
6. **Pooling along the line sequence** (:mod:`.sequence`, issue 10 item 4): each free line takes the group that
   maximises its voice evidence (scaled by the episode's own spread, short lines apart) plus a prior from its
   neighbours' groups, with the episode's own turn-taking rates; it only moves single lines between groups.
Deterministic for a seed; ``progress`` and ``cancel`` as everywhere in the core.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

import numpy as np

from ..progress import ProgressFn, check_cancel, no_progress
from . import graph
from .sequence import smooth_along_sequence


@dataclass(frozen=True)
class AdaptiveParams:
    unsure_fraction: float = 0.1    # least confident share of valid lines: join a group, never shape one
    unsure_min_lines: int = 60      # fewer free lines than this: every line shapes the groups (none to spare)
    max_atoms: int = 600            # spectral step size bound (k-means atoms above this many sure lines)
    max_speakers: int = 24          # largest number of speakers the eigengap may choose
    p_steps: int = 24               # pruning values tried between 1 and max_p_ratio × atoms
    max_p_ratio: float = 0.25
    reassign_rounds: int = 3        # centroid reassignment rounds for sure lines
    sequence_strength: float = 2.0  # voice evidence weight (× 1/σ of the episode) in the sequence step; 0: off
    sequence_lags: int = 2          # neighbours on each side whose groups inform a line (sequence.py)
    sequence_rounds: int = 2        # sequence-step rounds (each re-estimates centroids and neighbour rates)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict | None) -> "AdaptiveParams":
        known = cls.__dataclass_fields__
        return cls(**{k: type(getattr(cls(), k))(v) for k, v in (d or {}).items() if k in known})


MIN_ATOMS_PER_SPEAKER = 4


# -- NME-SC on a small affinity matrix ------------------------------------------------------------------------------
def pruned_affinity(aff: np.ndarray, p: int) -> np.ndarray:
    """Keep each row's ``p`` strongest off-diagonal entries as 1 (others 0), then symmetrise: (B + Bᵀ) / 2."""
    n = aff.shape[0]
    a = np.array(aff, dtype=np.float64)
    np.fill_diagonal(a, -np.inf)
    p = int(np.clip(p, 1, max(1, n - 1)))
    top = np.argpartition(-a, p - 1, axis=1)[:, :p]
    b = np.zeros((n, n))
    b[np.repeat(np.arange(n), p), top.ravel()] = 1.0
    return (b + b.T) / 2.0


def _laplacian(b: np.ndarray) -> np.ndarray:
    return np.diag(b.sum(axis=1)) - b


def eigengap_count(b: np.ndarray, max_speakers: int) -> tuple[int, float]:
    """(number of clusters, largest eigengap normalised by the largest eigenvalue) of a pruned affinity."""
    w = np.linalg.eigvalsh(_laplacian(b))
    gaps = np.diff(w[:min(max_speakers, w.size - 1) + 1])
    if gaps.size == 0:
        return 1, 0.0
    k = int(np.argmax(gaps))
    return k + 1, float(gaps[k] / max(w[-1], 1e-12))


def estimate_speakers(aff: np.ndarray, *, max_speakers: int = 24, p_steps: int = 24, max_p_ratio: float = 0.25,
                      cancel: threading.Event | None = None) -> tuple[int, int]:
    """NME-SC: (estimated number of speakers, chosen pruning ``p``) for a symmetric affinity matrix."""
    n = aff.shape[0]
    if n < 3:
        return n, 1
    # a speaker the eigengap can see needs a few atoms: on a short episode more clusters than n / 4 are
    # fragments of a sparse graph, not speakers
    max_speakers = int(min(max_speakers, max(2, n // MIN_ATOMS_PER_SPEAKER)))
    # p = 1 (mutual nearest pairs) leaves the graph in fragments whose count would pass for speakers
    p_min = min(n - 1, max(2, int(np.ceil(0.01 * n))))
    p_max = max(p_min, int(np.floor(n * max_p_ratio)))
    best = None
    for p in np.unique(np.linspace(p_min, p_max, p_steps).astype(int)):
        check_cancel(cancel)
        k, g = eigengap_count(pruned_affinity(aff, int(p)), max_speakers)
        ratio = p / max(g, 1e-12)
        if best is None or ratio < best[0]:
            best = (ratio, k, int(p))
    return best[1], best[2]


def spectral_labels(aff: np.ndarray, k: int, p: int, seed: int = 0) -> np.ndarray:
    """k-means (seeded) on the first ``k`` eigenvectors of the pruned affinity's Laplacian."""
    from sklearn.cluster import KMeans

    n = aff.shape[0]
    if k <= 1 or n <= k:
        return np.zeros(n, np.int64) if k <= 1 else np.arange(n, dtype=np.int64)
    _, v = np.linalg.eigh(_laplacian(pruned_affinity(aff, p)))
    emb = v[:, :k]
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(emb).astype(np.int64)


# -- lines → atoms → groups ----------------------------------------------------------------------------------------
def _centroids(x: np.ndarray, labels: np.ndarray, n: int) -> np.ndarray:
    sums = np.zeros((n, x.shape[1]), np.float64)
    np.add.at(sums, labels, x)
    return graph.l2_normalise(sums)


def _atoms(voice: np.ndarray, rows: np.ndarray, units: list[np.ndarray], max_atoms: int,
           seed: int) -> np.ndarray:
    """Atom id per row of ``rows`` (free sure lines); each must-link unit is already one atom (ids 0..len-1)."""
    free = rows.size
    room = max(1, max_atoms - len(units))
    if free <= room:
        return len(units) + np.arange(free)
    from sklearn.cluster import MiniBatchKMeans

    x = graph.pca_project(voice[rows], 64, seed=seed)
    km = MiniBatchKMeans(n_clusters=room, random_state=seed, n_init=1, batch_size=4096, max_iter=30)
    lab = km.fit_predict(x)
    _, lab = np.unique(lab, return_inverse=True)      # no empty atoms
    return len(units) + lab


def _split_named(atom_lab: np.ndarray, atom_name: np.ndarray, cent: np.ndarray) -> np.ndarray:
    """Cannot-link: in a cluster holding atoms of several names, each name gets its own cluster and the unnamed
    atoms of that cluster go to the most similar named atom."""
    out = atom_lab.copy()
    nxt = int(out.max()) + 1
    for c in np.unique(atom_lab):
        members = np.flatnonzero(atom_lab == c)
        named = members[atom_name[members] >= 0]
        kinds = np.unique(atom_name[named])
        if kinds.size < 2:
            continue
        new = {}
        for nm in kinds[1:]:
            new[int(nm)] = nxt
            nxt += 1
        for a in named:
            out[a] = new.get(int(atom_name[a]), c)
        for a in members[atom_name[members] < 0]:
            out[a] = out[named[int(np.argmax(cent[named] @ cent[a]))]]
    return out


def adaptive_groups(voice: np.ndarray, valid: np.ndarray, conf: np.ndarray, params: AdaptiveParams | None = None, *,
                    must_link: list[list[int]] | None = None, names: np.ndarray | None = None, seed: int = 0,
                    duration: np.ndarray | None = None, progress: ProgressFn = no_progress,
                    cancel: threading.Event | None = None) -> np.ndarray:
    """Group label per line (0..); lines without a valid voice and not pinned get −1. ``voice`` (N, D)
    L2-normalised; ``conf`` per-line voice confidence (only its ranking is used); ``must_link`` lists of line
    indices a human put together; ``names`` (N,) name id per line (−1 none): different ids never share a group."""
    params = params or AdaptiveParams()
    n = voice.shape[0]
    names = np.full(n, -1, np.int64) if names is None else np.asarray(names, np.int64)
    labels = np.full(n, -1, np.int64)
    units = [np.asarray(g, np.int64) for g in (must_link or []) if len(g)]
    pinned = np.zeros(n, bool)
    for g in units:
        pinned[g] = True
    free_valid = np.flatnonzero(valid & ~pinned)
    if free_valid.size + len(units) == 0:
        return labels
    # 1. sure / unsure by rank of confidence among the free valid lines
    # (strictly below the episode's own quantile: ties, e.g. no confidence at all, make nobody unsure)
    c = np.asarray(conf, np.float64)[free_valid]
    cut = np.quantile(c, params.unsure_fraction) if free_valid.size >= params.unsure_min_lines else -np.inf
    unsure, sure = free_valid[c < cut], free_valid[c >= cut]
    progress(0.05, "episode atoms")
    check_cancel(cancel)
    # 2. atoms: one per human group, then the free sure lines (or their k-means atoms at scale)
    atom_of = np.full(n, -1, np.int64)
    for a, g in enumerate(units):
        atom_of[g] = a
    atom_of[sure] = _atoms(voice, sure, units, params.max_atoms, seed)
    n_atoms = int(atom_of.max()) + 1
    member = atom_of >= 0
    cent = _centroids(voice[member], atom_of[member], n_atoms)
    atom_name = np.full(n_atoms, -1, np.int64)
    for a, g in enumerate(units):
        atom_name[a] = names[g[0]]
    # 3. number of speakers and partition from the atoms' own affinity
    progress(0.2, "estimating the number of speakers")
    aff = cent @ cent.T
    k, p = estimate_speakers(aff, max_speakers=params.max_speakers, p_steps=params.p_steps,
                             max_p_ratio=params.max_p_ratio, cancel=cancel)
    k = max(k, np.unique(atom_name[atom_name >= 0]).size, 1)
    check_cancel(cancel)
    progress(0.6, f"partitioning into {k} speakers")
    atom_lab = spectral_labels(aff, min(k, n_atoms), p, seed=seed)
    # 4. cannot-link between differently named human groups
    atom_lab = _split_named(atom_lab, atom_name, cent)
    labels[member] = atom_lab[atom_of[member]]
    # 5. centroid reassignment of free sure lines, then unsure lines join
    progress(0.8, "reassigning lines to group centroids")
    movable = sure
    for _ in range(params.reassign_rounds):
        check_cancel(cancel)
        labels = _reassign(voice, labels, movable)
    if unsure.size:
        n_groups = int(labels.max()) + 1
        c = _centroids(voice[labels >= 0], labels[labels >= 0], n_groups)
        labels[unsure] = _nearest(voice[unsure], c)
    # 6. pooling along the line sequence (lines are in time order): free lines may change group
    if params.sequence_strength > 0:
        progress(0.9, "pooling neighbouring lines")
        free = np.zeros(n, bool)
        free[free_valid] = True
        labels = smooth_along_sequence(voice, labels, free, strength=params.sequence_strength,
                                       lags=params.sequence_lags, rounds=params.sequence_rounds,
                                       duration=duration, cancel=cancel)
    progress(1.0, "grouped")
    return _renumber(labels)


def _nearest(x: np.ndarray, cent: np.ndarray, block: int = 8192) -> np.ndarray:
    out = np.empty(x.shape[0], np.int64)
    for a in range(0, x.shape[0], block):
        out[a:a + block] = np.argmax(x[a:a + block] @ cent.T.astype(np.float32), axis=1)
    return out


def _reassign(voice: np.ndarray, labels: np.ndarray, movable: np.ndarray) -> np.ndarray:
    """Move each movable line to its most similar group centroid; a group emptied of lines disappears."""
    if movable.size == 0:
        return labels
    have = labels >= 0
    n_groups = int(labels.max()) + 1
    cent = _centroids(voice[have], labels[have], n_groups)
    alive = np.bincount(labels[have], minlength=n_groups) > 0
    cent[~alive] = 0.0
    out = labels.copy()
    out[movable] = _nearest(voice[movable], cent)
    return out


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Labels 0.. in order of first appearance; −1 stays −1."""
    out = labels.copy()
    ok = labels >= 0
    if not ok.any():
        return out
    _, first, inv = np.unique(labels[ok], return_index=True, return_inverse=True)
    rank = np.empty(first.size, np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    out[ok] = rank[inv]
    return out
