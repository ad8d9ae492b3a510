"""Episode-adaptive grouping (issue 10): speaker-count estimate, invariance to the episode's similarity scale,
constraints, determinism, cancel."""

import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core.errors import Cancelled
from svsg_desktop.core.grouping.adaptive import (AdaptiveParams, adaptive_groups, estimate_speakers,
                                                 pruned_affinity, spectral_labels)
from svsg_desktop.core.metrics import score


def blobs(k: int, per: int, spread: float, seed: int, dim: int = 32, sizes=None):
    """k Gaussian clusters on the unit sphere (``spread`` = noise norm relative to the centre)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    sizes = sizes or [per] * k
    y = np.repeat(np.arange(k), sizes)
    x = centres[y] + rng.normal(size=(y.size, dim)) * spread / np.sqrt(dim)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), y


@pytest.mark.parametrize("k", [2, 3, 5, 8, 12])
@pytest.mark.parametrize("spread", [0.5, 0.9])
def test_speaker_count_from_eigengap(k, spread):
    x, _ = blobs(k, 25, spread, seed=k)
    est, p = estimate_speakers(x @ x.T)
    assert est == k
    assert 1 <= p <= 0.25 * x.shape[0]


def test_speaker_count_with_unequal_sizes():
    x, _ = blobs(6, 0, 0.7, seed=3, sizes=[80, 40, 20, 12, 8, 6])
    assert estimate_speakers(x @ x.T)[0] == 6


@settings(max_examples=20, deadline=None)
@given(scale=st.floats(0.05, 20.0), offset=st.floats(-5.0, 5.0), seed=st.integers(0, 50))
def test_global_shift_and_scale_of_similarities_change_nothing(scale, offset, seed):
    x, _ = blobs(4, 15, 0.8, seed=seed)
    aff = x @ x.T
    k, p = estimate_speakers(aff)
    k2, p2 = estimate_speakers(aff * scale + offset)
    assert (k2, p2) == (k, p)
    assert np.array_equal(pruned_affinity(aff, p), pruned_affinity(aff * scale + offset, p))
    a, b = spectral_labels(aff, k, p, seed=1), spectral_labels(aff * scale + offset, k, p, seed=1)
    assert score(list(a), list(b)).edge_f1 == 1.0


def test_groups_lines_and_ignores_invalid():
    x, y = blobs(5, 30, 0.8, seed=7)
    valid = np.ones(len(y), bool)
    valid[[3, 50]] = False
    conf = np.random.default_rng(0).random(len(y))
    lab = adaptive_groups(x, valid, conf)
    assert lab[3] == -1 and lab[50] == -1
    ok = valid
    assert score(list(y[ok]), list(lab[ok])).edge_f1 > 0.97
    assert np.array_equal(lab, adaptive_groups(x, valid, conf))          # deterministic


def test_atoms_at_scale_keep_quality():
    x, y = blobs(6, 400, 0.8, seed=9)
    lab = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), AdaptiveParams(max_atoms=120))
    assert score(list(y), list(lab)).edge_f1 > 0.97


def test_unsure_lines_only_join():
    """An unsure line halfway between two speakers joins one of them; it never merges them."""
    x, y = blobs(2, 30, 0.5, seed=2)
    mid = x[0] + x[30]
    x = np.vstack([x, mid / np.linalg.norm(mid)]).astype(np.float32)
    conf = np.ones(len(x))
    conf[-1] = 0.0
    lab = adaptive_groups(x, np.ones(len(x), bool), conf)
    assert len(set(lab[:30])) == 1 and len(set(lab[30:60])) == 1 and lab[0] != lab[30]
    assert lab[-1] in (lab[0], lab[30])


def test_must_link_and_cannot_link():
    x, y = blobs(3, 20, 0.6, seed=4)
    # a human put lines 0 (speaker 0) and 25 (speaker 1) together and named 40 and 41 (speaker 2) differently
    must = [[0, 25], [40], [41]]
    names = np.full(len(y), -1)
    names[[0, 25]] = 0
    names[40], names[41] = 1, 2
    lab = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), must_link=must, names=names)
    assert lab[0] == lab[25]
    assert len({lab[0], lab[40], lab[41]}) == 3


def test_pinned_lines_never_move_on_rerun():
    x, y = blobs(4, 20, 0.8, seed=5)
    lab = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)))
    # a human moves line 3 into the group of line 70 (another speaker) and pins both groups
    g_a = [k for k in range(len(y)) if lab[k] == lab[70]] + [3]
    g_b = [k for k in range(len(y)) if lab[k] == lab[10] and k != 3]
    names = np.full(len(y), -1)
    names[g_a], names[g_b] = 0, 1
    again = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), must_link=[sorted(g_a), sorted(g_b)],
                            names=names)
    assert len(set(again[g_a])) == 1 and len(set(again[g_b])) == 1 and again[3] != again[10]


def test_params_round_trip_and_ignore_unknown_keys():
    p = AdaptiveParams(unsure_fraction=0.3, max_atoms=50)
    assert AdaptiveParams.from_dict({**p.as_dict(), "future": 1}) == p


def test_cancel():
    x, y = blobs(3, 20, 0.6, seed=1)
    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), cancel=ev)


def test_short_episodes_have_no_unsure_lines():
    """Below ``unsure_min_lines`` every line shapes the groups (a 5-line speaker must not vanish as 'unsure')."""
    x, y = blobs(3, 10, 0.6, seed=6)
    conf = np.linspace(0, 1, len(y))
    short = adaptive_groups(x, np.ones(len(y), bool), conf, AdaptiveParams(unsure_fraction=0.3))
    none = adaptive_groups(x, np.ones(len(y), bool), conf, AdaptiveParams(unsure_fraction=0.0))
    assert np.array_equal(short, none)
    assert score(list(y), list(short)).edge_f1 > 0.9
    # with lines to spare taken as unsure, the least confident speaker (lines 0-9 here) could not shape a group
    some = adaptive_groups(x, np.ones(len(y), bool), conf, AdaptiveParams(unsure_fraction=0.3, unsure_min_lines=5))
    assert score(list(y), list(some)).edge_f1 < score(list(y), list(short)).edge_f1
