"""The confidence DPs against a Monte-Carlo simulation of the fold draw."""

from __future__ import annotations

import numpy as np
import pytest

from svsg_desktop.core.grouping import groundtruth as gt


def simulate(same: np.ndarray, q: float, variant: str, trials: int, rng) -> float:
    present = rng.random((trials, same.size)) < q
    wins = 0.0
    for row in present:
        drawn = same[row]
        if variant == "original":
            wins += not (drawn.size >= 2 and not drawn[0] and not drawn[1])
        else:
            first = drawn[:3]
            r, w = int(first.sum()), int((~first).sum())
            wins += 1.0 if r > w else 0.5 if r == w else 0.0
    return wins / trials


@pytest.mark.parametrize("variant", ["original", "majority3"])
def test_dp_matches_monte_carlo(variant):
    rng = np.random.default_rng(1)
    patterns = [rng.random(24) < p for p in (0.2, 0.5, 0.8)] + [np.zeros(24, bool), np.ones(24, bool)]
    patterns.append(np.array([False, False, True] + [True] * 21))
    same = np.array(patterns)
    dp = gt.dp_original(same, 0.1) if variant == "original" else gt.dp_majority3(same, 0.1)
    for row, c in zip(same, dp):
        mc = simulate(row, 0.1, variant, 20000, rng)
        assert c == pytest.approx(mc, abs=0.015), (row.astype(int), c, mc)


def test_known_values():
    all_wrong = np.zeros((1, 24), bool)
    # original floor: 1 − P(at least two drawn) = P(0 or 1 drawn)
    floor = 0.9 ** 24 + 24 * 0.1 * 0.9 ** 23
    assert gt.dp_original(all_wrong)[0] == pytest.approx(floor)
    assert floor == pytest.approx(0.29, abs=0.01)
    assert gt.dp_majority3(all_wrong)[0] == pytest.approx(0.5 * 0.9 ** 24)     # only the no-draw coin flip
    assert gt.dp_majority3(np.ones((1, 24), bool))[0] == pytest.approx(1 - 0.5 * 0.9 ** 24)


def test_majority3_is_monotone_in_agreement():
    rng = np.random.default_rng(0)
    base = rng.random((50, 24)) < 0.5
    more = base.copy()
    more[np.arange(50), rng.integers(0, 24, 50)] = True
    assert np.all(gt.dp_majority3(more) >= gt.dp_majority3(base) - 1e-12)


def test_ground_truth_confidence_separates_clean_from_mixed():
    rng = np.random.default_rng(2)
    centres = rng.normal(size=(3, 16))
    x = np.repeat(centres, 30, axis=0) + 0.05 * rng.normal(size=(90, 16))
    labels = np.repeat(["a", "b", "c"], 30)
    x[0] = centres[1]                                   # line 0 sits among speaker b
    c = gt.ground_truth_confidence(x, labels)
    assert c[0] < 0.1 and np.all(c[1:] > 0.9)
    with pytest.raises(ValueError, match="variant"):
        gt.ground_truth_confidence(x, labels, variant="nope")


def test_neighbour_agreement_blocks_and_small_inputs():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(7, 4))
    labels = np.array(list("aabbbcc"))
    a = gt.neighbour_agreement(x, labels, k=24)
    assert a.shape == (7, 6)
    # brute force: sorted by cosine
    xn = x / np.linalg.norm(x, axis=1, keepdims=True)
    for i in range(7):
        sims = xn @ xn[i]
        sims[i] = -np.inf
        order = np.argsort(-sims, kind="stable")[:6]
        assert list(a[i]) == list(labels[order] == labels[i])
    assert gt.neighbour_agreement(x[:1], labels[:1]).shape == (1, 0)


def test_adaptive_q_keeps_the_original_fold_size():
    assert gt.adaptive_q(440) == pytest.approx(0.1)
    assert gt.adaptive_q(4400) == pytest.approx(0.1)           # never below the original
    assert gt.adaptive_q(88) == pytest.approx(0.5)
    assert gt.adaptive_q(10) == pytest.approx(0.9)
