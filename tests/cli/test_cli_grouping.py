"""`svsg train` and `svsg evaluate` end to end on episode folders (video + truth CSV + cached features)."""

import shutil

import numpy as np
import pytest

from svsg_desktop.cli import main
from svsg_desktop.core.training import trainer, training
from svsg_desktop.core.training.synthetic import make_synthetic


def make_folder(root, seed, demo_video):
    from svsg_desktop.core.features import FeatureSet

    d = root / f"ep{seed}"
    d.mkdir()
    shutil.copy(demo_video, d / "ep.mp4")
    f = make_synthetic(80, 4, seed=seed, di=32)
    rows = ["start,end,speaker,text"]
    for k, spk in enumerate(f.speakers):
        rows.append(f"0:00:{k // 2:02d}.{(k % 2) * 500:03d},0:00:{k // 2:02d}.{(k % 2) * 500 + 400:03d},{spk},line {k}")
    (d / "ep_truth.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    FeatureSet(line_ids=list(f.line_ids), voice=f.voice, image=f.image, stats=f.stats,
               valid_voice=f.valid_voice, valid_image=f.valid_image, voice_model=f.voice_model,
               image_model=f.image_model).save(d / "features.npz")
    return d


def test_train_then_evaluate(tmp_path, monkeypatch, capsys):
    from svsg_desktop.core.demo.prebuilt import demo_episode_path

    orig = training.fit_net
    monkeypatch.setattr(trainer, "fit_net", lambda *a, **k: orig(*a, **{**k, "epochs": 40}))
    eps = [make_folder(tmp_path, s, demo_episode_path()) for s in range(4)]
    heads = tmp_path / "heads"
    assert main(["train", str(eps[0]), str(eps[1]), "--val", str(eps[2]), "--out", str(heads),
                 "--search-trials", "5", "-q"]) == 0
    out = capsys.readouterr().out
    assert "held-out" in out and (heads / "merge.onnx").is_file()
    assert main(["evaluate", str(eps[3]), "--train", str(eps[0]), str(eps[1]), "--heads", str(heads),
                 "--plots", str(tmp_path / "fig"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "ours: + merge MLP" in out and "cut 0.3" in out and (tmp_path / "fig" / "pr_vs_threshold.png").is_file()
    # an episode both in train and test is refused
    assert main(["evaluate", str(eps[0]), "--train", str(eps[0]), "--heads", str(heads), "-q"]) == 2
