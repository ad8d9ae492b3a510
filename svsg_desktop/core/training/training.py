"""Training the grouping heads (needs torch, the ``export`` extra): confidence models for voice and image (plain
regression or a pairwise ranking objective), the merge MLP from agglomeration-extracted samples, and ONNX export.
Inference never needs torch (see :mod:`.heads`)."""

from __future__ import annotations

import logging
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..grouping.agglomerate import UnionFind, edge_order
from ..grouping.engine import candidate_edges
from ..progress import check_cancel
from ..grouping.groundtruth import adaptive_q, ground_truth_confidence
from ..grouping.inputs import Inputs, edge_features, prepare

log = logging.getLogger(__name__)
MERGE_INPUTS = ("voice_sim", "image_sim", "voice_conf_lo", "image_conf_lo", "voice_conf_hi", "image_conf_hi")


@dataclass
class LabeledEpisode:
    name: str
    inputs: Inputs
    labels: np.ndarray               # true speaker per line ("" = no label: excluded everywhere)

    @classmethod
    def from_features(cls, name: str, features, labels_by_id: dict[str, str]) -> "LabeledEpisode":
        inp = prepare(features)
        return cls(name, inp, np.array([labels_by_id.get(i, "") or "" for i in inp.line_ids], dtype=object))


def confidence_targets(ep: LabeledEpisode, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(line indices, majority-of-3 DP confidence) over the labeled lines with a valid embedding of ``kind``."""
    valid = ep.inputs.valid_voice if kind == "voice" else ep.inputs.valid_image
    rows = np.flatnonzero(valid & (ep.labels != ""))
    if rows.size < 2:
        return rows, np.zeros(rows.size)
    x = (ep.inputs.voice if kind == "voice" else ep.inputs.image)[rows]
    return rows, ground_truth_confidence(x, ep.labels[rows].astype(str), q=adaptive_q(rows.size))


# -- small MLPs in torch ------------------------------------------------------------------------------------------
def _torch():
    try:
        import torch
    except ImportError as err:  # pragma: no cover - the export extra is part of every setup
        raise ModelError("training the grouping heads needs torch: pip install -e '.[export]'",
                         code="torch_missing") from err
    return torch


def _make_net(dim: int, hidden: int, mean: np.ndarray, std: np.ndarray, sigmoid: bool):
    torch = _torch()

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
            self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
            self.body = torch.nn.Sequential(torch.nn.Linear(dim, hidden), torch.nn.ReLU(),
                                            torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
                                            torch.nn.Linear(hidden, 1))

        def forward(self, x):
            z = self.body((x - self.mean) / self.std)
            return torch.sigmoid(z) if sigmoid else z

    return Net()


def fit_net(x: np.ndarray, y: np.ndarray, *, objective: str, groups: np.ndarray | None = None, hidden: int = 32,
            epochs: int = 300, seed: int = 0, weight_decay: float = 1e-3, cancel: threading.Event | None = None):
    """objective: "regression" (MSE on a sigmoid output), "bce" (classification) or "rank" (RankNet pairs drawn
    inside each group — an episode — on the target order)."""
    torch = _torch()
    torch.manual_seed(seed)
    torch.set_num_threads(1)          # tiny nets: threads only add overhead (and nondeterminism)
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    std = np.maximum(x.std(axis=0), 1e-3)
    net = _make_net(x.shape[1], hidden, mean, std, sigmoid=objective != "rank")
    opt = torch.optim.Adam(net.parameters(), lr=5e-3, weight_decay=weight_decay)
    xt = torch.tensor(x, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.float32).reshape(-1, 1)
    groups = np.zeros(len(x), int) if groups is None else np.asarray(groups)
    members = [np.flatnonzero(groups == g) for g in np.unique(groups)]
    for epoch in range(epochs):
        if epoch % 50 == 0:
            check_cancel(cancel)
        opt.zero_grad()
        out = net(xt)
        if objective == "regression":
            loss = torch.mean((out - yt) ** 2)
        elif objective == "bce":
            loss = torch.nn.functional.binary_cross_entropy(out.clamp(1e-6, 1 - 1e-6), yt)
        elif objective == "rank":
            a = np.concatenate([rng.choice(m, 4 * m.size) for m in members])
            b = np.concatenate([rng.choice(m, 4 * m.size) for m in members])
            keep = np.abs(y[a] - y[b]) > 0.05
            a, b = a[keep], b[keep]
            sign = torch.tensor(np.sign(y[a] - y[b]), dtype=torch.float32).reshape(-1, 1)
            loss = torch.nn.functional.softplus(-sign * (out[a] - out[b])).mean()
        else:
            raise ValueError(f"unknown objective {objective!r}")
        loss.backward()
        opt.step()
    net.eval()
    return net


def predict_net(net, x: np.ndarray) -> np.ndarray:
    torch = _torch()
    with torch.no_grad():
        return net(torch.tensor(x, dtype=torch.float32)).numpy().reshape(-1)


def export_onnx(net, dim: int, path: Path) -> None:
    torch = _torch()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.onnx")
    with warnings.catch_warnings():       # the TorchScript exporter is deprecated but writes one small file
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(net, (torch.zeros(2, dim),), str(tmp), input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "n"}, "y": {0: "n"}}, opset_version=17, dynamo=False)
    tmp.replace(path)


def isotonic_table(raw: np.ndarray, target: np.ndarray, points: int = 64) -> dict:
    """A monotone map raw score → confidence (isotonic regression), stored as ≤ ``points`` breakpoints."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(raw, target)
    xs = np.unique(np.quantile(raw, np.linspace(0, 1, points)))
    return {"x": [float(v) for v in xs], "y": [float(v) for v in iso.predict(xs)]}


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    from scipy.stats import spearmanr

    if len(a) < 3 or np.std(a) == 0 or np.std(b) == 0:
        return 0.0
    return float(spearmanr(a, b).statistic)


def slope(pred: np.ndarray, target: np.ndarray) -> float:
    """Slope of the least-squares fit target ≈ a·pred + b (1 = calibrated spread)."""
    if len(pred) < 2 or np.var(pred) == 0:
        return 0.0
    return float(np.cov(pred, target)[0, 1] / np.var(pred, ddof=1))


# -- merge samples (method.md, "Training the merge MLP") -----------------------------------------------------------
def merge_samples(ep: LabeledEpisode, cv: np.ndarray, ci: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Run the agglomeration on a labeled episode, strongest edge (voice similarity) first: an edge whose two
    labeled ends share a label is merged and recorded as a positive; otherwise it is not merged and recorded as a
    negative; edges inside an already-merged group decide nothing and are skipped."""
    inp = ep.inputs
    i, j = candidate_edges(inp)
    ok = (ep.labels[i] != "") & (ep.labels[j] != "")
    i, j = i[ok], j[ok]
    feats = edge_features(inp, cv, ci, i, j)
    order = edge_order(feats[:, 0], i, j)
    uf = UnionFind(len(inp))
    keep, y = [], []
    for e in order.tolist():
        a, b = int(i[e]), int(j[e])
        if uf.find(a) == uf.find(b):
            continue
        same = ep.labels[a] == ep.labels[b]
        keep.append(e)
        y.append(1.0 if same else 0.0)
        if same:
            uf.union(a, b)
    return feats[keep], np.array(y, dtype=np.float32)


def linear_scorer(x: np.ndarray, y: np.ndarray) -> dict:
    """Logistic regression on (voice sim, image sim): the 'voice + image' edge score without confidences."""
    from sklearn.linear_model import LogisticRegression

    if len(np.unique(y)) < 2:
        return {"w": [10.0, 0.0], "b": -5.0}
    lr = LogisticRegression(C=10.0, max_iter=1000).fit(x[:, :2], y)
    return {"w": [float(v) for v in lr.coef_[0]], "b": float(lr.intercept_[0])}

