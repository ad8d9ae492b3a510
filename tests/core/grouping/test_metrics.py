"""Metrics against an independent brute-force implementation, scikit-learn's pair confusion matrix, hypothesis."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from sklearn.metrics.cluster import pair_confusion_matrix

from svsg_desktop.core import metrics


def brute(truth, pred):
    """Loops over pairs and lines; unassigned (None) lines are singletons for pairs/B-cubed, Adds for operations."""
    items = [(t, p, k) for k, (t, p) in enumerate(zip(truth, pred)) if t not in (None, "")]
    group = [("g", p) if p is not None else ("u", k) for _, p, k in items]
    lab = [t for t, _, _ in items]
    tp = fp = fn = 0
    for a, b in combinations(range(len(items)), 2):
        sg, ss = group[a] == group[b], lab[a] == lab[b]
        tp += sg and ss
        fp += sg and not ss
        fn += ss and not sg
    bp = [sum(group[b] == group[a] and lab[b] == lab[a] for b in range(len(items)))
          / sum(group[b] == group[a] for b in range(len(items))) for a in range(len(items))]
    br = [sum(group[b] == group[a] and lab[b] == lab[a] for b in range(len(items)))
          / sum(lab[b] == lab[a] for b in range(len(items))) for a in range(len(items))]
    members: dict = {}
    for (t, p, _) in items:
        if p is not None:
            members.setdefault(p, []).append(t)
    d = 0
    owner = Counter()
    for ts in members.values():
        c = Counter(ts)
        best = min(c, key=lambda name: (-c[name], name))
        d += len(ts) - c[best]
        owner[best] += 1
    unassigned = sum(p is None for _, p, _ in items)
    a = d + unassigned
    j = sum(v - 1 for v in owner.values())
    return dict(tp=tp, fp=fp, fn=fn, bp=np.mean(bp) if bp else 1.0, br=np.mean(br) if br else 1.0, d=d, a=a, j=j)


labels = st.sampled_from(["", "Kyon", "Haruhi", "Mikuru", "Yuki"])
groups = st.one_of(st.none(), st.integers(0, 5))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(labels, groups), min_size=0, max_size=40))
def test_against_brute_force(rows):
    truth = [t for t, _ in rows]
    pred = [g for _, g in rows]
    b = brute(truth, pred)
    c = metrics.pair_counts(truth, pred)
    assert (c.tp, c.fp, c.fn) == (b["tp"], b["fp"], b["fn"])
    s = metrics.score(truth, pred)
    assert s.bcubed_precision == pytest.approx(b["bp"])
    assert s.bcubed_recall == pytest.approx(b["br"])
    assert (s.deletes, s.adds, s.joins) == (b["d"], b["a"], b["j"])
    assert s.ops == b["d"] + b["a"] + b["j"]
    assert s.ops_weighted == 6 * b["d"] + b["a"] + b["j"]
    assert s.n_lines == sum(t != "" for t in truth)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6)), min_size=2, max_size=60))
def test_pair_counts_match_sklearn(rows):
    truth = [f"s{t}" for t, _ in rows]
    pred = [g for _, g in rows]
    (tn2, fp2), (fn2, tp2) = pair_confusion_matrix([t for t, _ in rows], pred)  # ordered pairs: twice ours
    c = metrics.pair_counts(truth, pred)
    assert (2 * c.tp, 2 * c.fp, 2 * c.fn, 2 * c.tn) == (tp2, fp2, fn2, tn2)


def test_known_example():
    truth = ["A", "A", "A", "B", "B", "", "C"]
    pred = [1, 1, 2, 2, 2, 1, None]
    s = metrics.score(truth, pred)
    # pairs among labeled: same group {0,1} {2,3} {2,4} {3,4}; same speaker {0,1} {0,2} {1,2} {3,4}
    assert (s.edge_precision, s.edge_recall) == (0.5, 0.5)
    # group 1 = [A, A] → A; group 2 = [A, B, B] → B, one delete; C unassigned → add
    assert (s.deletes, s.adds, s.joins) == (1, 2, 0)
    assert s.ops == 3 and s.ops_weighted == 8 and s.n_lines == 6 and s.n_unassigned == 1
    assert s.ops_per_100 == pytest.approx(50.0)


def test_perfect_and_split():
    truth = ["A"] * 4 + ["B"] * 3
    assert metrics.score(truth, [0] * 4 + [1] * 3).edge_f1 == 1.0
    assert metrics.score(truth, [0] * 4 + [1] * 3).ops == 0
    split = metrics.score(truth, [0, 0, 5, 5, 1, 1, 1])
    assert split.joins == 1 and split.deletes == 0 and split.edge_precision == 1.0 and split.edge_recall < 1.0


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="3 lines"):
        metrics.score(["A", "B", "C"], [1, 2])
