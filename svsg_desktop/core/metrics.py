"""Clustering metrics for speaker grouping (method.md, "Metrics").

All functions take two aligned sequences: ``truth`` (true speaker label per line; ``""`` or ``None`` = no label —
signs, lyrics, credits — and the line is left out of every metric) and ``pred`` (predicted group id per line;
``None`` = the engine left the line unassigned).

- Edge (pairwise) precision ``Pr(Y(i)=Y(j) | G(i)=G(j))`` and recall ``Pr(G(i)=G(j) | Y(i)=Y(j))`` over unordered
  pairs of labeled lines, with F1. An unassigned line is a group of its own for these.
- B-cubed precision / recall / F1 (per-line averages; unassigned lines are singletons).
- Operation count (He et al.'s evaluator): each predicted group gets its majority true speaker (ties: the
  lexicographically smallest name); **Delete** = members whose truth differs from their group's majority;
  **Add** = every deleted or unassigned line; **Join** = for each speaker, (number of groups whose majority is that
  speaker) − 1. Reported as D, A, J, the total D + A + J, the weighted 6D + A + J and the total per 100 lines.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Hashable, Sequence

import numpy as np


@dataclass(frozen=True)
class PairCounts:
    """Unordered pair counts: both same group and same speaker (tp), same group only (fp), same speaker only (fn)."""

    tp: int
    fp: int
    fn: int
    tn: int


@dataclass(frozen=True)
class Scores:
    n_lines: int            # labeled lines scored
    n_unassigned: int
    edge_precision: float
    edge_recall: float
    edge_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    deletes: int
    adds: int
    joins: int
    ops: int                # D + A + J
    ops_weighted: int       # 6D + A + J
    ops_per_100: float

    def as_dict(self) -> dict:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _encode(truth: Sequence, pred: Sequence) -> tuple[np.ndarray, np.ndarray, int, list]:
    """Keep labeled lines; return integer codes for truth and prediction (unassigned → fresh singleton codes),
    the number of unassigned lines, and the speaker names in code order."""
    if len(truth) != len(pred):
        raise ValueError(f"truth has {len(truth)} lines but prediction has {len(pred)}")
    keep = [i for i, t in enumerate(truth) if t is not None and t != ""]
    names = sorted({str(truth[i]) for i in keep})
    name_code = {n: k for k, n in enumerate(names)}
    t = np.fromiter((name_code[str(truth[i])] for i in keep), dtype=np.int64, count=len(keep))
    groups: dict[Hashable, int] = {}
    p = np.empty(len(keep), dtype=np.int64)
    n_unassigned = 0
    for k, i in enumerate(keep):
        g = pred[i]
        if g is None:
            n_unassigned += 1
            p[k] = -1 - n_unassigned          # temporary unique negative code
        else:
            p[k] = groups.setdefault(g, len(groups))
    neg = p < 0
    p[neg] = len(groups) + np.arange(int(neg.sum()))
    return t, p, n_unassigned, names


def _contingency(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Dense speakers × groups count table (speakers are few; groups at most the number of lines)."""
    nt = int(t.max()) + 1 if t.size else 0
    ng = int(p.max()) + 1 if p.size else 0
    table = np.zeros((nt, ng), dtype=np.int64)
    np.add.at(table, (t, p), 1)
    return table


def _pairs(x: np.ndarray) -> int:
    return int((x * (x - 1) // 2).sum())


def pair_counts(truth: Sequence, pred: Sequence) -> PairCounts:
    t, p, _, _ = _encode(truth, pred)
    table = _contingency(t, p)
    n = t.size
    tp = _pairs(table)
    same_group = _pairs(table.sum(axis=0))
    same_speaker = _pairs(table.sum(axis=1))
    total = n * (n - 1) // 2
    return PairCounts(tp=tp, fp=same_group - tp, fn=same_speaker - tp, tn=total - same_group - same_speaker + tp)


def edge_scores(truth: Sequence, pred: Sequence) -> tuple[float, float, float]:
    """Edge precision, recall, F1. With no predicted pairs precision is 1; with no true pairs recall is 1."""
    c = pair_counts(truth, pred)
    prec = c.tp / (c.tp + c.fp) if c.tp + c.fp else 1.0
    rec = c.tp / (c.tp + c.fn) if c.tp + c.fn else 1.0
    return prec, rec, _f1(prec, rec)


def bcubed_scores(truth: Sequence, pred: Sequence) -> tuple[float, float, float]:
    t, p, _, _ = _encode(truth, pred)
    if t.size == 0:
        return 1.0, 1.0, 1.0
    table = _contingency(t, p)
    cell = table[t, p].astype(float)
    prec = float(np.mean(cell / table.sum(axis=0)[p]))
    rec = float(np.mean(cell / table.sum(axis=1)[t]))
    return prec, rec, _f1(prec, rec)


def operation_counts(truth: Sequence, pred: Sequence) -> tuple[int, int, int]:
    """(Delete, Add, Join) to turn the prediction into the truth (see the module docstring)."""
    t, p, n_unassigned, _ = _encode(truth, pred)
    if t.size == 0:
        return 0, 0, 0
    n_real_groups = int(p.max()) + 1 - n_unassigned
    table = _contingency(t, p)[:, :n_real_groups] if n_real_groups > 0 else np.zeros((0, 0), np.int64)
    if table.size == 0:
        return 0, n_unassigned, 0
    # argmax returns the first maximum: speaker codes are in sorted-name order, so ties go to the smallest name
    majority = table.argmax(axis=0)
    deletes = int(table.sum() - table.max(axis=0).sum())
    adds = deletes + n_unassigned
    per_speaker = np.bincount(majority, minlength=table.shape[0])
    joins = int(np.maximum(per_speaker - 1, 0).sum())
    return deletes, adds, joins


def score(truth: Sequence, pred: Sequence) -> Scores:
    """Every metric at once."""
    t, _, n_unassigned, _ = _encode(truth, pred)
    ep, er, ef = edge_scores(truth, pred)
    bp, br, bf = bcubed_scores(truth, pred)
    d, a, j = operation_counts(truth, pred)
    n = int(t.size)
    ops = d + a + j
    return Scores(n_lines=n, n_unassigned=n_unassigned, edge_precision=ep, edge_recall=er, edge_f1=ef,
                  bcubed_precision=bp, bcubed_recall=br, bcubed_f1=bf, deletes=d, adds=a, joins=j, ops=ops,
                  ops_weighted=6 * d + a + j, ops_per_100=100.0 * ops / n if n else 0.0)
