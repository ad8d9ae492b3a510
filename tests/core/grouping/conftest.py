import numpy as np
import pytest

from svsg_desktop.core.training.synthetic import make_synthetic
from svsg_desktop.core.training.training import LabeledEpisode


def synthetic_episode(seed: int, n: int = 100, speakers: int = 4) -> tuple[LabeledEpisode, object]:
    f = make_synthetic(n, speakers, seed=seed, di=32)
    return LabeledEpisode.from_features(f"syn{seed}", f, dict(zip(f.line_ids, f.speakers))), f


@pytest.fixture(scope="session")
def tiny_heads(tmp_path_factory):
    """Heads trained on two tiny synthetic episodes (few epochs: fast), validated on a third."""
    from svsg_desktop.core.training import trainer, training

    out = tmp_path_factory.mktemp("heads")
    train = [synthetic_episode(s)[0] for s in (0, 1)]
    val = [synthetic_episode(2)[0]]
    orig = training.fit_net

    def quick(*a, **k):
        k["epochs"] = min(k.get("epochs", 300), 60)
        return orig(*a, **k)

    trainer.fit_net = quick
    try:
        meta = trainer.train_heads(train, val, out, seed=0, calibration_trials=10)
    finally:
        trainer.fit_net = orig
    return out, meta
