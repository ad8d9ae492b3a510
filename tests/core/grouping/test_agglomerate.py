"""Union-find agglomeration: sure-first, unsure lines join but never merge groups, constraints, determinism."""

import numpy as np
import pytest

from svsg_desktop.core.errors import Cancelled
from svsg_desktop.core.grouping import graph
from svsg_desktop.core.grouping.agglomerate import AggloParams, UnionFind, agglomerate

P = AggloParams(tau=0.5, merge_threshold=0.5, join_threshold=0.5)


def run(edges, conf, params=P, **kw):
    i = np.array([e[0] for e in edges])
    j = np.array([e[1] for e in edges])
    s = np.array([e[2] for e in edges], dtype=float)
    return agglomerate(len(conf), i, j, s, np.array(conf, dtype=float), params, **kw)


def test_unsure_line_joins_but_never_bridges():
    # 0-1 sure group, 3-4 sure group, 2 unsure with strong edges to both
    lab = run([(0, 1, 0.9), (3, 4, 0.9), (1, 2, 0.8), (2, 3, 0.85)], [1, 1, 0.1, 1, 1])
    assert lab[0] == lab[1] and lab[3] == lab[4] and lab[0] != lab[3]
    assert lab[2] == lab[3]                               # joined its strongest sure neighbour only


def test_two_unsure_lines_never_merge():
    lab = run([(0, 1, 0.99)], [0.1, 0.2])
    assert lab[0] != lab[1]


def test_sure_lines_merge_and_threshold():
    lab = run([(0, 1, 0.9), (1, 2, 0.4)], [1, 1, 1])
    assert lab[0] == lab[1] != lab[2]


def test_must_link_and_cannot_link():
    # 0 and 2 pinned together although no edge; 3 and 4 carry different names: never merged
    names = np.array([-1, -1, -1, 0, 1])
    lab = run([(3, 4, 0.99), (1, 2, 0.9)], [1, 1, 1, 1, 1], must_link=[[0, 2]], names=names)
    assert lab[0] == lab[2] == lab[1]
    assert lab[3] != lab[4]
    with pytest.raises(ValueError, match="different names"):
        run([], [1, 1], must_link=[[0, 1]], names=np.array([0, 1]))


def test_link_threshold_blocks_chaining():
    v = graph.l2_normalise(np.array([[1, 0], [1, 0.2], [0.5, 1], [0, 1], [0, 1.1]], dtype=np.float32))
    edges = [(0, 1, 0.99), (3, 4, 0.99), (1, 2, 0.9), (2, 3, 0.9)]
    loose = run(edges, [1] * 5)
    assert len(set(loose)) == 1
    strict = run(edges, [1] * 5, params=AggloParams(0.5, 0.5, 0.5, link_threshold=0.8), voice=v)
    assert strict[0] == strict[1] and strict[3] == strict[4] and strict[0] != strict[4]


def test_attach_leftovers_to_nearest_centroid():
    v = graph.l2_normalise(np.array([[1, 0], [1, 0.1], [0, 1], [0.1, 1], [0.9, 0.1]], dtype=np.float32))
    lab = run([(0, 1, 0.9), (2, 3, 0.9)], [1, 1, 1, 1, 0.0],
              params=AggloParams(0.5, 0.5, 0.5, attach_threshold=0.5), voice=v)
    assert lab[4] == lab[0] != lab[2]


def test_deterministic_and_cancel():
    rng = np.random.default_rng(0)
    x = graph.l2_normalise(rng.normal(size=(200, 8)))
    idx, _ = graph.knn(x, 5)
    i, j = graph.edge_list(idx)
    s = graph.pair_cosine(x, i, j)
    conf = rng.random(200)
    a = agglomerate(200, i, j, s, conf, P)
    perm = rng.permutation(i.size)
    b = agglomerate(200, i[perm], j[perm], s[perm], conf, P)
    assert np.array_equal(a, b)
    import threading
    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        agglomerate(200, i, j, s, conf, P, cancel=ev)


def test_union_find_labels_first_appearance():
    uf = UnionFind(4)
    uf.union(2, 3)
    assert list(uf.labels()) == [0, 1, 2, 2]


def test_knn_matches_brute_force_and_blocks():
    rng = np.random.default_rng(1)
    x = graph.l2_normalise(rng.normal(size=(57, 6)))
    idx, sim = graph.knn(x, 4, block_bytes=4 * 57 * 5)           # blocks of 5 rows
    full = x @ x.T
    np.fill_diagonal(full, -np.inf)
    for r in range(57):
        assert list(idx[r]) == list(np.argsort(-full[r], kind="stable")[:4])
    mask = np.arange(57) % 2 == 0
    idx2, _ = graph.knn(x, 3, mask=mask)
    assert np.all(idx2[~mask] == -1) and np.all(mask[idx2[mask]])
    p = graph.pca_project(x, 3)
    assert p.shape == (57, 3)


def test_ivf_knn_finds_most_true_neighbours():
    rng = np.random.default_rng(4)
    centres = rng.normal(size=(20, 16))
    x = graph.l2_normalise(centres[rng.integers(0, 20, 3000)] + 0.3 * rng.normal(size=(3000, 16)))
    exact, _ = graph.knn(x, 5)
    approx, sim = graph.knn_ivf(x, 5)
    recall = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(exact, approx)])
    assert recall > 0.9
    assert np.all(np.diff(sim, axis=1) <= 1e-6) and np.all(approx != np.arange(3000)[:, None])


def test_reassign_moves_a_chained_line_but_not_a_pinned_one():
    v = graph.l2_normalise(np.array([[1, 0], [1, 0.05], [0.98, 0.1], [0, 1], [0.05, 1], [0.1, 0.98], [0.95, 0.2]],
                                    dtype=np.float32))
    edges = [(0, 1, 0.99), (1, 2, 0.99), (3, 4, 0.99), (4, 5, 0.99), (5, 6, 0.9)]   # 6 chained into the wrong group
    stay = run(edges, [1] * 7, voice=v)
    assert stay[6] == stay[3]
    moved = run(edges, [1] * 7, params=AggloParams(0.5, 0.5, 0.5, reassign_margin=0.0), voice=v)
    assert moved[6] == moved[0] and moved[3] == moved[4] == moved[5]
    kept = run(edges, [1] * 7, params=AggloParams(0.5, 0.5, 0.5, reassign_margin=0.0), voice=v,
               must_link=[[5, 6]])
    assert kept[6] == kept[5]
