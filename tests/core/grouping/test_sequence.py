"""Pooling evidence along the line sequence (issue 10, item 4): the HMM step after the episode-adaptive grouping."""

import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core.errors import Cancelled
from svsg_desktop.core.grouping.adaptive import AdaptiveParams, adaptive_groups
from svsg_desktop.core.grouping.sequence import lag_prior, loo_similarity, smooth_along_sequence
from svsg_desktop.core.metrics import score


def dialogue(seed: int, n: int = 240, k: int = 4, dim: int = 32, long_noise: float = 0.5, short_noise: float = 2.2,
             short_share: float = 0.3, alternate: bool = True):
    """Lines in scenes of two speakers taking turns (``alternate``) or a random speaker order; short lines have a
    much noisier voice. Returns (voice, truth, duration)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    y = []
    while len(y) < n:
        a, b = rng.choice(k, size=2, replace=False)
        for t in range(int(rng.integers(6, 14))):
            y.append((a, b)[t % 2] if alternate else int(rng.integers(k)))
    y = np.array(y[:n])
    short = rng.random(n) < short_share
    dur = np.where(short, rng.uniform(0.3, 0.9, n), rng.uniform(1.2, 4.0, n))
    sd = np.where(short, short_noise, long_noise)
    x = centres[y] + rng.normal(size=(n, dim)) * sd[:, None] / np.sqrt(dim)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), y, dur


def nearest_true_centroid(x, y):
    """Every line at the nearest true-speaker centroid: the labels a grouping without the sequence would give."""
    c = np.stack([x[y == g].sum(axis=0) for g in range(y.max() + 1)])
    c /= np.linalg.norm(c, axis=1, keepdims=True)
    return np.argmax(x @ c.T, axis=1)


def errors(y, lab):
    return int((y != lab).sum())


def test_turn_taking_fixes_noisy_short_lines():
    """Speakers alternate: the chain's transitions (estimated from the labels themselves) pull noisy short lines
    back to the speaker whose turn it is."""
    before = after = 0
    for seed in range(5):
        x, y, dur = dialogue(seed)
        lab = nearest_true_centroid(x, y)
        new = smooth_along_sequence(x, lab, np.ones(len(y), bool), strength=1.0, duration=dur)
        before += errors(y, lab)
        after += errors(y, new)
    assert before >= 25                      # the noisy short lines really are wrong without the sequence
    assert after <= 0.5 * before


def test_random_order_does_little_harm():
    """No turn-taking to learn (random speaker order): the estimated transitions are flat and hardly move a line."""
    before = after = 0
    for seed in range(5):
        x, y, dur = dialogue(seed, alternate=False, short_noise=1.0)
        lab = nearest_true_centroid(x, y)
        new = smooth_along_sequence(x, lab, np.ones(len(y), bool), strength=1.0, duration=dur)
        before += errors(y, lab)
        after += errors(y, new)
    assert after <= before + 3


def test_fixed_lines_never_move_and_no_group_is_created():
    x, y, dur = dialogue(3)
    lab = nearest_true_centroid(x, y)
    lab[5] = -1                                    # no voice, not pinned: stays out of the chain
    fixed = np.zeros(len(y), bool)
    fixed[::3] = True
    fixed[5] = False
    # fixed lines hold a deliberately "wrong" group: they must keep it
    lab[fixed] = (lab[fixed] + 1) % 4
    new = smooth_along_sequence(x, lab, ~fixed, strength=2.0, duration=dur)
    assert np.array_equal(new[fixed], lab[fixed])
    assert new[5] == -1
    assert set(new[new >= 0]) <= set(lab[lab >= 0])


def test_off_and_tiny_inputs_change_nothing():
    x, y, dur = dialogue(1, n=40)
    lab = nearest_true_centroid(x, y)
    assert np.array_equal(smooth_along_sequence(x, lab, np.ones(40, bool), strength=0.0), lab)
    two = np.array([0, 1, -1])
    assert np.array_equal(smooth_along_sequence(x[:3], two, np.ones(3, bool), strength=1.0), two)


def test_loo_similarity_matches_brute_force():
    x, y, _ = dialogue(2, n=60)
    lab = y.copy()
    lab[7] = 3
    lab[lab == 2] = 1                              # groups 0, 1, 3 (2 empty)
    lab[11] = 2                                    # group 2 holds one line
    s = loo_similarity(x, lab, 4)
    for i in range(len(lab)):
        for g in range(4):
            members = [j for j in np.flatnonzero(lab == g) if j != i]
            if not members:
                assert g == lab[i] and s[i, g] == 1.0 or g != lab[i]
                continue
            c = x[members].astype(np.float64).sum(axis=0)
            assert s[i, g] == pytest.approx(float(x[i] @ c / np.linalg.norm(c)), abs=1e-6)


def test_lag_prior_learns_the_episode_turn_taking():
    """Alternating speakers: a line is pushed away from its immediate neighbours' group and towards the group of
    the lines two places away; the rates are the episode's own (nothing is assumed)."""
    lab = np.array([0, 1] * 40 + [2, 3] * 40)
    lp = lag_prior(lab, 4, 2)
    assert (lp.max(axis=1) - lp.min(axis=1)).mean() > 20
    i = 41                                        # group 1, neighbours 40 and 42 in group 0, 39 and 43 in group 1
    assert lp[i, 1] > lp[i, 2] > lp[i, 0]
    lp1 = lag_prior(lab, 4, 1)
    assert lp1[i, 0] < lp1[i, 2]                 # lag 1 repels (a speaker never follows himself here)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 1000), k=st.integers(2, 8))
def test_lag_prior_is_flat_for_a_random_order(seed, k):
    """A random speaker order (with unequal shares) carries no turn-taking: the prior moves no line."""
    rng = np.random.default_rng(seed)
    w = 1.0 / np.arange(1, k + 1)
    lab = rng.choice(k, size=3000, p=w / w.sum())
    lab[:k] = np.arange(k)
    lp = lag_prior(lab, k, 2)
    assert (lp.max(axis=1) - lp.min(axis=1)).mean() < 1.0      # alternating speakers: > 20 (test above)


def test_deterministic_and_cancel():
    x, y, dur = dialogue(4)
    lab = nearest_true_centroid(x, y)
    a = smooth_along_sequence(x, lab, np.ones(len(y), bool), strength=1.0, duration=dur, rounds=2)
    b = smooth_along_sequence(x, lab, np.ones(len(y), bool), strength=1.0, duration=dur, rounds=2)
    assert np.array_equal(a, b)
    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        smooth_along_sequence(x, lab, np.ones(len(y), bool), strength=1.0, cancel=ev)


def test_adaptive_grouping_with_the_sequence_step_keeps_the_constraints():
    x, y, dur = dialogue(6, n=200, k=3, short_noise=1.5)
    must = [[0, 1], [2], [3]]                     # lines 0 and 1 are different speakers: a human put them together
    names = np.full(len(y), -1)
    names[[0, 1]] = 0
    names[2], names[3] = 1, 2
    p = AdaptiveParams(sequence_strength=1.0)
    lab = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), p, must_link=must, names=names, duration=dur)
    assert lab[0] == lab[1]
    assert len({lab[0], lab[2], lab[3]}) == 3
    off = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), AdaptiveParams(), duration=dur)
    assert score(list(y), list(lab)).edge_f1 > 0.8
    assert score(list(y), list(off)).edge_f1 > 0.8


def test_adaptive_grouping_gains_from_turn_taking():
    """The whole adaptive method on alternating dialogue with noisy short lines: fewer operations with the step."""
    on_ops, off_ops = [], []
    for seed in range(10, 18):
        x, y, dur = dialogue(seed, n=200, k=3, short_noise=2.0)
        on = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), AdaptiveParams(sequence_strength=2.0),
                             duration=dur)
        off = adaptive_groups(x, np.ones(len(y), bool), np.ones(len(y)), AdaptiveParams(sequence_strength=0.0),
                              duration=dur)
        on_ops.append(score(list(y), list(on)).ops)
        off_ops.append(score(list(y), list(off)).ops)
    assert sum(off_ops) >= 20                    # without the step the noisy short lines cost operations
    assert sum(on_ops) <= 0.5 * sum(off_ops)
    assert all(a <= b for a, b in zip(on_ops, off_ops))
