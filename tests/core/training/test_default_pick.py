"""The default grouping method is picked so that it travels: worst-domain regret over the validation domains
(issue 10), not the pooled mean of held-out operations."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core.grouping.heads import METHODS
from svsg_desktop.core.training.trainer import episode_domain, pick_default_method, train_heads
from svsg_desktop.core.training.synthetic import make_synthetic
from svsg_desktop.core.training.training import LabeledEpisode


def test_one_collapsing_domain_rules_a_method_out():
    # voice is best on three easy domains and collapses on the fourth; adaptive is never far from the best.
    # The pooled mean picks voice (5.75 vs 6.25 ops/100); the worst-domain regret picks adaptive (4 vs 10).
    domains = ["a", "b", "c", "d"]
    per = {"voice": [1, 1, 1, 20], "voice+image": [1, 1, 1, 20], "mlp": [2, 2, 2, 25],
           "adaptive": [5, 5, 5, 10]}
    pick = pick_default_method(per, _perfect(per), domains)
    assert pick["pooled_pick"] == "voice"
    assert pick["method"] == "adaptive"
    assert pick["worst_regret"]["voice"] == pytest.approx(10.0)
    assert pick["worst_regret"]["adaptive"] == pytest.approx(4.0)


def test_several_episodes_per_domain_are_averaged_before_the_regret():
    # domain a has two episodes: voice's bad one is offset by a good one, so its mean regret there is small
    domains = ["a", "a", "b"]
    per = {"voice": [0, 6, 2], "adaptive": [3, 3, 2]}
    pick = pick_default_method(per, _perfect(per), domains)
    assert pick["ops_per_100_by_domain"]["voice"]["a"] == pytest.approx(3.0)
    assert pick["worst_regret"] == {"voice": 0.0, "adaptive": 0.0}
    assert pick["method"] == "voice"                      # tie → method order


def test_a_split_speaker_costs_through_edge_f1():
    # the same operations (a split speaker is one cheap join), but voice splits a speaker (edge F1 0.90):
    # the cost, ops/100 + 100 (1 - F1), charges it
    ops = {"voice": [1.0, 1.0], "adaptive": [1.0, 1.5]}
    f1 = {"voice": [1.0, 0.90], "adaptive": [1.0, 0.99]}
    pick = pick_default_method(ops, f1, ["a", "b"])
    assert pick["pooled_pick"] == "voice" and pick["method"] == "adaptive"
    assert pick["cost_by_domain"]["voice"]["b"] == pytest.approx(11.0)
    assert pick["edge_f1_by_domain"]["adaptive"]["b"] == pytest.approx(0.99)


def _perfect(ops):
    return {m: [1.0] * len(v) for m, v in ops.items()}


def test_episode_domain_from_names():
    assert episode_domain("espeak/espeak2") == "espeak"
    assert episode_domain("my_episode_3") == "my_episode_3"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.lists(st.floats(0, 100), min_size=4, max_size=4),
                          st.lists(st.floats(0, 1), min_size=4, max_size=4)), min_size=1, max_size=8))
def test_the_pick_is_never_dominated(rows):
    """The picked method is not beaten by another method on every domain (it is on the Pareto front)."""
    domains = [d for d, _, _ in rows]
    per = {m: [v[k] for _, v, _ in rows] for k, m in enumerate(METHODS)}
    f1 = {m: [f[k] for _, _, f in rows] for k, m in enumerate(METHODS)}
    pick = pick_default_method(per, f1, domains)
    by = pick["cost_by_domain"]
    m = pick["method"]
    for other in METHODS:
        assert not all(by[other][d] < by[m][d] for d in set(domains))
    assert pick["worst_regret"][m] == min(pick["worst_regret"].values())


def _episode(seed: int, name: str) -> LabeledEpisode:
    f = make_synthetic(80, 4, seed=seed, di=32)
    return LabeledEpisode.from_features(name, f, dict(zip(f.line_ids, f.speakers)))


def test_train_heads_records_the_pick_per_validation_domain(tmp_path, monkeypatch):
    from svsg_desktop.core.training import trainer, training

    orig = training.fit_net
    monkeypatch.setattr(trainer, "fit_net", lambda *a, **k: orig(*a, **{**k, "epochs": 20}))
    train = [_episode(s, f"syn{s}") for s in (0, 1)]
    val = [_episode(2, "x/a"), _episode(3, "y/b"), _episode(4, "y/c")]
    meta = train_heads(train, val, tmp_path, calibration_trials=3, projection_dim=0)
    pick = meta["report"]["default_pick"]
    assert set(next(iter(pick["ops_per_100_by_domain"].values()))) == {"x", "y"}
    assert meta["default_method"] == pick["method"] in METHODS
    # the held-out numbers the pick uses are what `svsg label` does with these heads (engine path)
    from svsg_desktop.core.grouping.heads import Heads
    from svsg_desktop.core.metrics import score
    from svsg_desktop.core.training import evaluation
    heads = Heads.load(tmp_path)
    for method in METHODS:
        mean_f1 = np.mean([score(ep.labels, evaluation.ours(ep, heads, method)).edge_f1 for ep in val])
        assert meta["report"]["held_out"][method]["edge_f1"] == pytest.approx(mean_f1), method
    card = (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "worst-domain regret" in card and "| x: F1 / ops | y: F1 / ops |" in card
    # explicit domains override the names; a wrong count is refused
    meta = train_heads(train, val, tmp_path, calibration_trials=3, projection_dim=0, val_domains=["p", "p", "p"])
    assert list(next(iter(meta["report"]["default_pick"]["ops_per_100_by_domain"].values()))) == ["p"]
    with pytest.raises(ValueError, match="2 domains for 3"):
        train_heads(train, val, tmp_path, calibration_trials=3, projection_dim=0, val_domains=["p", "q"])


def test_held_out_adaptive_scores_group_as_the_engine_does(monkeypatch):
    """The trainer scores the adaptive method with the line durations the engine passes (the sequence step's
    short-line scale), so the pick measures what `svsg label` runs."""
    from svsg_desktop.core.grouping.adaptive import AdaptiveParams
    from svsg_desktop.core.grouping.engine import line_durations
    from svsg_desktop.core.training import trainer

    seen = []
    orig = trainer.adaptive_groups
    monkeypatch.setattr(trainer, "adaptive_groups", lambda *a, **k: seen.append(k.get("duration")) or orig(*a, **k))
    ep = _episode(7, "x/a")
    trainer._adaptive_scores([ep], [np.ones(len(ep.inputs), np.float32)], AdaptiveParams())
    assert seen and seen[0] is not None
    np.testing.assert_allclose(seen[0], line_durations(ep.inputs))
