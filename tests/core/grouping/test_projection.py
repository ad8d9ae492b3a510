"""The learned voice projection (LDA on (episode, speaker) classes): fitting, applying, storing, and its use by
the heads."""

from types import SimpleNamespace

import numpy as np
import pytest

from svsg_desktop.core.errors import InputError, ModelError
from svsg_desktop.core.grouping.heads import Heads
from svsg_desktop.core.grouping.projection import (apply_projection, fit_projection, load_projection,
                                                   save_projection)
from svsg_desktop.core.training.training import LabeledEpisode

D = 48
NUISANCE = np.linalg.qr(np.random.default_rng(99).normal(size=(D, 6)))[0]   # shared by every episode


def nuisance_episode(seed: int, speakers: int = 4, n: int = 80) -> LabeledEpisode:
    """Speaker centres differ only slightly; a strong nuisance (channel) subspace, the same in every episode,
    swamps them: raw cosine 1-NN is poor, a projection that learned the nuisance is not."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(speakers, D)) * 0.35
    spk = rng.integers(0, speakers, n)
    voice = 1.0 + centres[spk] + rng.normal(size=(n, 6)) @ NUISANCE.T * 2.5 + rng.normal(size=(n, D)) * 0.05
    voice[3] = 0.0
    valid = np.ones(n, bool)
    valid[3] = False
    feats = SimpleNamespace(line_ids=[f"L{k}" for k in range(n)], voice=voice.astype(np.float32),
                            image=rng.normal(size=(n, 8)).astype(np.float32), stats={}, valid_voice=valid,
                            valid_image=np.ones(n, bool), voice_model="v", image_model="i")
    return LabeledEpisode.from_features(f"nuis{seed}", feats, {f"L{k}": f"S{s}" for k, s in enumerate(spk)})


def loo_1nn(ep: LabeledEpisode) -> float:
    rows = np.flatnonzero(ep.inputs.valid_voice)
    x = ep.inputs.voice[rows]
    s = x @ x.T
    np.fill_diagonal(s, -np.inf)
    return float(np.mean(ep.labels[rows][s.argmax(1)] == ep.labels[rows]))


def test_projection_learned_on_other_episodes_separates_speakers():
    train = [nuisance_episode(s) for s in range(6)]
    test = nuisance_episode(100)
    mean, matrix = fit_projection(train, dim=32)
    assert matrix.shape == (D, min(32, 6 * 4 - 1))
    projected = LabeledEpisode(test.name, apply_projection(test.inputs, mean, matrix), test.labels)
    raw, proj = loo_1nn(test), loo_1nn(projected)
    assert proj > raw + 0.2 and proj > 0.9, (raw, proj)


def test_applied_projection_is_normalised_idempotent_and_keeps_invalid_rows_zero():
    train = [nuisance_episode(s) for s in range(3)]
    mean, matrix = fit_projection(train, dim=5)
    inp = nuisance_episode(7).inputs
    out = apply_projection(inp, mean, matrix)
    assert out.voice.shape == (len(inp), 5) and out.voice_space == "lda" and inp.voice_space == "raw"
    norms = np.linalg.norm(out.voice, axis=1)
    assert np.allclose(norms[out.valid_voice], 1.0, atol=1e-5) and np.all(out.voice[3] == 0)
    assert apply_projection(out, mean, matrix) is out
    assert not np.allclose(out.stats[:, 5], inp.stats[:, 5])        # voice density recomputed in the new space
    with pytest.raises(ModelError, match="expects 10-d voice embeddings, got 48-d"):
        apply_projection(inp, mean[:10], matrix[:10])


def test_projection_needs_two_speakers():
    ep = nuisance_episode(0, speakers=1)
    with pytest.raises(InputError, match="at least 2 speakers"):
        fit_projection([ep])


def test_projection_file_round_trip_and_broken_file(tmp_path):
    mean, matrix = fit_projection([nuisance_episode(s) for s in range(2)], dim=4)
    save_projection(tmp_path / "p.npz", mean, matrix)
    m2, p2 = load_projection(tmp_path / "p.npz")
    assert np.array_equal(m2, mean) and np.array_equal(p2, matrix)
    (tmp_path / "bad.npz").write_bytes(b"not an npz")
    with pytest.raises(ModelError, match="cannot read the voice projection"):
        load_projection(tmp_path / "bad.npz")


def _quick_train(train, val, out, **kw):
    from svsg_desktop.core.training import trainer, training

    orig = training.fit_net
    trainer.fit_net = lambda *a, **k: orig(*a, **{**k, "epochs": 5})
    try:
        return trainer.train_heads(train, val, out, calibration_trials=3, **kw)
    finally:
        trainer.fit_net = orig


def test_trained_heads_store_and_use_the_projection(tmp_path):
    from svsg_desktop.core.grouping.engine import cluster_lines
    from svsg_desktop.core.metrics import score

    meta = _quick_train([nuisance_episode(s, n=50) for s in range(4)], [nuisance_episode(50, n=50)], tmp_path)
    spec = meta["voice_projection"]
    loo = meta["report"]["voice_loo_1nn"]
    assert (tmp_path / spec["file"]).exists() and spec["kind"] == "lda" and loo["kept"]
    assert loo["projected"] > loo["raw"]
    assert "LDA projection" in (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")
    heads = Heads.load(tmp_path)
    ep = nuisance_episode(60)
    inp = heads.project(ep.inputs)
    assert inp.voice.shape[1] == spec["dim"] and heads.project(inp) is inp
    assert meta["confidence_voice"]["input_dim"] in (spec["dim"] + len(meta["stat_names"]), len(meta["stat_names"]))
    feats = SimpleNamespace(line_ids=ep.inputs.line_ids, voice=ep.inputs.voice, image=ep.inputs.image, stats={},
                            valid_voice=ep.inputs.valid_voice, valid_image=ep.inputs.valid_image,
                            voice_model="v", image_model="i")
    res = cluster_lines(feats, heads=heads)
    assert score(ep.labels, res.labels(ep.inputs.line_ids)).edge_f1 > 0.8
    from svsg_desktop.core.training.evaluation import evaluate
    rows, _ = evaluate([], [ep], heads)
    assert len(rows) == 8 and any("learned voice projection" in r.method for r in rows)


def test_projection_dropped_when_it_does_not_help_on_validation(tiny_heads):
    """Two synthetic training episodes with unrelated random speakers: nothing generalises, so it is dropped."""
    folder, meta = tiny_heads
    loo = meta["report"]["voice_loo_1nn"]
    assert loo["kept"] == ("voice_projection" in meta) == (folder / "voice_projection.npz").exists()
    if not loo["kept"]:
        assert loo["projected"] <= loo["raw"]
        assert "not kept" in (folder / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_training_without_projection_keeps_raw_voice(tmp_path):
    from tests.core.grouping.conftest import synthetic_episode

    meta = _quick_train([synthetic_episode(s, n=40)[0] for s in (0, 1)], [], tmp_path, projection_dim=0)
    assert "voice_projection" not in meta and not (tmp_path / "voice_projection.npz").exists()
    ep, _ = synthetic_episode(3)
    assert Heads.load(tmp_path).project(ep.inputs) is ep.inputs
