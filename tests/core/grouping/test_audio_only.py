"""Audio-only material (no image embedding on any line) trains and groups: no image confidence head then."""

from dataclasses import replace

import numpy as np

from svsg_desktop.core import metrics
from svsg_desktop.core.grouping.engine import cluster_lines
from svsg_desktop.core.grouping.heads import METHODS, Heads
from svsg_desktop.core.training import trainer, training

from .conftest import synthetic_episode


def _audio_only(seed: int):
    ep, feats = synthetic_episode(seed)
    feats.valid_image = np.zeros(len(feats.line_ids), bool)
    inp = replace(ep.inputs, image=np.zeros_like(ep.inputs.image), valid_image=feats.valid_image.copy())
    return replace(ep, inputs=inp), feats


def test_train_and_group_without_any_image(tmp_path, monkeypatch):
    orig = training.fit_net
    monkeypatch.setattr(trainer, "fit_net", lambda *a, **k: orig(*a, **{**k, "epochs": 40}))
    train = [_audio_only(s)[0] for s in (0, 1)]
    val = [_audio_only(2)[0]]
    meta = trainer.train_heads(train, val, tmp_path, seed=0, calibration_trials=5, projection_dim=0)
    assert meta["confidence_image"]["file"] is None and not (tmp_path / "confidence_image.onnx").exists()
    heads = Heads.load(tmp_path)
    _, feats = _audio_only(5)
    for method in METHODS:
        r = cluster_lines(feats, heads=heads, method=method)
        assert metrics.score(list(feats.speakers), r.labels(feats.line_ids)).edge_f1 > 0.4
    cv, ci = heads.confidence(heads.project(_audio_only(5)[0].inputs))
    assert np.all(ci == 0) and cv.max() > 0
