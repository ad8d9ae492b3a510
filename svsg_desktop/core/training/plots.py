"""Pictures for `svsg evaluate --plots DIR` (matplotlib, Agg backend, PNG): similarity matrices ordered by true
speaker (and by confidence inside each speaker), confidence against correctness, precision/recall against the
merge threshold for every method."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..metrics import edge_scores
from ..grouping.agglomerate import AggloParams
from .evaluation import CUT_GRID, average_linkage, ours
from ..grouping.groundtruth import ground_truth_confidence
from ..grouping.heads import THRESHOLD_METHODS, Heads
from .training import LabeledEpisode


def _plt():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def similarity_matrices(ep: LabeledEpisode, heads: Heads, path: Path) -> Path:
    plt = _plt()
    cv, ci = heads.confidence(ep.inputs)
    rows = np.flatnonzero(ep.labels != "")
    order = rows[np.lexsort((-cv[rows], ep.labels[rows].astype(str)))]
    fig, axes = plt.subplots(1, 2, figsize=(11, 5))
    pv = heads.project(ep.inputs).voice       # the space the heads group in (learned projection, if any)
    for ax, x, title in ((axes[0], pv, "voice"), (axes[1], ep.inputs.image, "image")):
        s = x[order] @ x[order].T
        im = ax.imshow(s, cmap="viridis", interpolation="nearest")
        labs = ep.labels[order].astype(str)
        cuts = np.flatnonzero(labs[1:] != labs[:-1]) + 0.5
        for c in cuts:
            ax.axhline(c, color="w", lw=0.6)
            ax.axvline(c, color="w", lw=0.6)
        ax.set_title(f"{title} cosine, ordered by speaker, then confidence")
        fig.colorbar(im, ax=ax, fraction=0.046)
    fig.suptitle(ep.name)
    return _save(plt, fig, path)


def _save(plt, fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def confidence_vs_correctness(eps: list[LabeledEpisode], heads: Heads, path: Path) -> Path:
    """Predicted voice confidence against leave-one-out 1-NN correctness (binned) and the DP target."""
    plt = _plt()
    preds, correct, target = [], [], []
    for ep in eps:
        cv, _ = heads.confidence(ep.inputs)
        rows = np.flatnonzero((ep.labels != "") & ep.inputs.valid_voice)
        if rows.size < 3:
            continue
        x = heads.project(ep.inputs).voice[rows]
        s = x @ x.T
        np.fill_diagonal(s, -np.inf)
        nn = s.argmax(axis=1)
        labs = ep.labels[rows]
        preds.append(cv[rows])
        correct.append((labs[nn] == labs).astype(float))
        target.append(ground_truth_confidence(x, labs.astype(str)))
    p, c, t = (np.concatenate(a) for a in (preds, correct, target))
    bins = np.linspace(0, 1, 11)
    k = np.clip(np.digitize(p, bins) - 1, 0, 9)
    mids, acc = [], []
    for b in range(10):
        if np.any(k == b):
            mids.append((bins[b] + bins[b + 1]) / 2)
            acc.append(c[k == b].mean())
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.scatter(p, t, s=6, alpha=0.4, label="DP target (majority-of-3)")
    ax.plot(mids, acc, "o-", color="C3", label="1-NN correct rate (binned)")
    ax.plot([0, 1], [0, 1], "k--", lw=0.8)
    ax.set_xlabel("predicted voice confidence (held-out episodes)")
    ax.set_ylabel("correctness")
    ax.legend()
    return _save(plt, fig, path)


def pr_vs_threshold(eps: list[LabeledEpisode], heads: Heads, path: Path) -> Path:
    plt = _plt()
    fig, axes = plt.subplots(1, 1 + len(THRESHOLD_METHODS), figsize=(4.2 * (1 + len(THRESHOLD_METHODS)), 4))

    def curve(ax, xs, fn, title, mark=None):
        pr = np.array([[np.mean(v) for v in zip(*[edge_scores(ep.labels, fn(ep, x))[:2] for ep in eps])]
                       for x in xs])
        ax.plot(xs, pr[:, 0], label="edge precision")
        ax.plot(xs, pr[:, 1], label="edge recall")
        if mark is not None:
            ax.axvline(mark, color="k", ls=":", lw=0.8)
        ax.set_title(title)
        ax.set_ylim(0, 1.02)
        ax.legend(fontsize=7)

    curve(axes[0], CUT_GRID[::2], lambda ep, x: average_linkage(ep, float(x)), "avg-link: similarity cut", 0.3)
    for ax, m in zip(axes[1:], THRESHOLD_METHODS):
        base = heads.params(m)
        grid = np.linspace(base.merge_threshold - 0.15, min(1.0, base.merge_threshold + 0.15), 9)

        def fn(ep, x, m=m, base=base):
            return ours(ep, heads, m, AggloParams(**{**base.__dict__, "merge_threshold": float(x)}))

        curve(ax, grid, fn, f"ours ({m}): merge threshold", base.merge_threshold)
    return _save(plt, fig, path)


def write_plots(folder: str | Path, eps: list[LabeledEpisode], heads: Heads, info: dict) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [similarity_matrices(eps[0], heads, folder / "similarity_matrices.png"),
            confidence_vs_correctness(eps, heads, folder / "confidence_vs_correctness.png"),
            pr_vs_threshold(eps, heads, folder / "pr_vs_threshold.png")]
