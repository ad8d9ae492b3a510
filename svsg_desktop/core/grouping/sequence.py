"""Pooling evidence along the line sequence (issue 10, item 4): a short or ambiguous line borrows the episode's
turn-taking pattern from the lines around it.

After the episode-adaptive grouping every line has a group. Each movable line is then given the group that
maximises its voice evidence plus a neighbour prior, both measured on the episode itself:

- **Voice evidence**: the line's cosine to each group's centroid (its own group's centroid without the line, so a
  small group does not hold a line by the line's own weight), times ``strength / σ``, where σ is the spread of the
  episode's line-to-own-group similarities — separately for short lines (< ``SHORT_S``) and the rest when durations
  are given and both kinds are numerous enough: a short line's evidence counts for less exactly as much as short
  lines are noisier *in this episode*.
- **Neighbour prior** (:func:`lag_prior`): how often a line and the line d places before/after it share a group,
  counted per lag and group on the episode's own grouping. Nothing about dialogue is assumed: where speakers
  alternate, lag 1 repels and lag 2 attracts; where they hold the floor lag 1 attracts; a random order adds nothing.

A few synchronous rounds re-estimate centroids and rates from the new grouping. Lines a human pinned are never
moved (they still inform their neighbours). The step only moves single lines between existing groups — it never
merges or creates one — so an unsure line can never bridge two groups and cannot-link between named groups holds.
``O(N·K·lags)`` for K groups; deterministic."""

from __future__ import annotations

import threading

import numpy as np

from ..progress import check_cancel

SHORT_S = 1.0             # lines shorter than this (seconds) get their own evidence scale when durations are given
RATE_PSEUDO_LINES = 10.0  # shrinks a group's own neighbour rate towards the episode's overall one
MIN_BIN_LINES = 20        # a duration bin with fewer lines uses the episode's overall scale


def loo_similarity(x: np.ndarray, labels: np.ndarray, n_groups: int) -> np.ndarray:
    """(N, K) cosine of each row to each group centroid (the normalised sum of its rows), leaving the row itself
    out of its own group's centroid. A row alone in its group gets similarity 1 to it (there is nothing else)."""
    x = np.asarray(x, np.float64)
    sums = np.zeros((n_groups, x.shape[1]))
    np.add.at(sums, labels, x)
    dots = x @ sums.T
    sq = np.einsum("ij,ij->i", x, x)
    norms2 = np.einsum("ij,ij->i", sums, sums)
    r = np.arange(x.shape[0])
    den2 = np.broadcast_to(norms2, dots.shape).copy()
    num = dots.copy()
    num[r, labels] -= sq
    den2[r, labels] = norms2[labels] - 2.0 * dots[r, labels] + sq
    s = num / np.sqrt(np.maximum(den2, 1e-12))
    size = np.bincount(labels, minlength=n_groups)
    alone = size[labels] <= 1
    s[r[alone], labels[alone]] = 1.0
    return s


def evidence_scale(s_own: np.ndarray, short: np.ndarray | None) -> np.ndarray:
    """Per line 1 / σ, σ = standard deviation of the lines' similarity to their own group (per duration bin when
    ``short`` is given and both bins hold at least ``MIN_BIN_LINES`` lines)."""
    def inv_sd(v):
        return 1.0 / max(float(np.std(v)), 1e-3)

    out = np.full(s_own.size, inv_sd(s_own))
    if short is not None and min(short.sum(), (~short).sum()) >= MIN_BIN_LINES:
        out[short] = inv_sd(s_own[short])
        out[~short] = inv_sd(s_own[~short])
    return out


def lag_prior(lab: np.ndarray, n_groups: int, lags: int, pseudo_lines: float = RATE_PSEUDO_LINES) -> np.ndarray:
    """(N, K) log prior of each line's group from the groups of the lines ``1..lags`` before and after it.

    Per lag d and group g the episode's own rate r = P(line i ± d is in g | line i is in g) is counted from ``lab``,
    shrunk towards the episode's overall lift at that lag (same-group pairs over their number by chance) times the
    group's share p_g with ``pseudo_lines`` pseudo-lines. Each neighbour then adds, naive-Bayes fashion,
    log(r / p_g) to g when it is in g and log((1 − r) / (1 − p_g)) when it is not. Lags at chance level (a random
    speaker order) add nothing; dialogue that alternates makes lag 1 repel and lag 2 attract."""
    n = lab.size
    size = np.bincount(lab, minlength=n_groups).astype(np.float64)
    p = np.clip(size / n, 1e-6, 1 - 1e-6)
    out = np.zeros((n, n_groups))
    onehot = np.eye(n_groups)[lab]
    for d in range(1, lags + 1):
        if d >= n:
            break
        same = np.bincount(lab[d:][lab[d:] == lab[:-d]], minlength=n_groups).astype(np.float64)
        pairs = np.bincount(lab[:-d], minlength=n_groups) + np.bincount(lab[d:], minlength=n_groups)
        pairs = pairs.astype(np.float64) / 2.0
        lift = same.sum() / max(float(np.sum(pairs * p)), 1e-9)
        r = np.clip((same + pseudo_lines * lift * p) / (pairs + pseudo_lines), 1e-3, 1 - 1e-3)
        hit, miss = np.log(r / p), np.log((1 - r) / (1 - p))
        contrib = miss[None, :] + onehot * (hit - miss)[None, :]
        out[d:] += contrib[:-d]          # the line d before
        out[:-d] += contrib[d:]          # the line d after
    return out


def smooth_along_sequence(voice: np.ndarray, labels: np.ndarray, movable: np.ndarray, *, strength: float,
                          lags: int = 2, rounds: int = 2, duration: np.ndarray | None = None,
                          cancel: threading.Event | None = None) -> np.ndarray:
    """Labels after the sequence step (see the module). ``labels`` (N,) group per line in time order, −1 = not in
    the chain (no voice, not pinned); ``movable`` (N,) bool: lines that may change group (others keep theirs);
    ``strength`` ≤ 0 turns the step off."""
    out = labels.copy()
    rows = np.flatnonzero(labels >= 0)
    if strength <= 0 or rows.size < 3:
        return out
    mov = np.asarray(movable, bool)[rows]
    x = np.asarray(voice, np.float64)[rows]
    short = None if duration is None else np.asarray(duration, np.float64)[rows] < SHORT_S
    for _ in range(max(1, rounds)):
        check_cancel(cancel)
        groups, lab = np.unique(out[rows], return_inverse=True)
        k = groups.size
        if k < 2:
            break
        s = loo_similarity(x, lab, k)
        r = np.arange(rows.size)
        kappa = strength * evidence_scale(s[r, lab][mov], None if short is None else short[mov])
        total = kappa[:, None] * s[mov] + lag_prior(lab, k, lags)[mov]
        new = lab.copy()
        new[mov] = np.argmax(total, axis=1)
        if np.array_equal(new, lab):
            break
        out[rows] = groups[new]
    return out
