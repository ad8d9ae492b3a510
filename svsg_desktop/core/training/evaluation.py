"""`svsg evaluate` in the core: every method on held-out labeled episodes, one table.

Methods: the original baseline (average linkage, cosine, voice only, similarity cut 0.3), the same with its cut
tuned on the training episodes, a seed-label 3-NN (k labeled lines per character, the older Chat-Haruhi workflow),
and ours (voice only; voice + image; + merge MLP) with the heads' calibrated thresholds."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np

from ..metrics import Scores, score
from ..progress import ProgressFn, check_cancel, no_progress
from ..grouping.engine import candidate_edges, group_arrays, group_with_heads
from ..grouping.heads import METHODS, Heads, score_edges
from ..grouping.inputs import edge_features
from .training import LabeledEpisode

ORIGINAL_CUT = 0.3          # the original's similarity cut (cosine similarity, average linkage)
CUT_GRID = np.round(np.arange(0.05, 0.96, 0.025), 3)


def average_linkage(ep: LabeledEpisode, similarity_cut: float) -> list[int | None]:
    """Average-linkage agglomeration on voice cosine distance, cut where the average similarity drops below
    ``similarity_cut``. Lines without a voice embedding stay unassigned."""
    from scipy.cluster.hierarchy import fcluster, linkage

    valid = np.flatnonzero(ep.inputs.valid_voice)
    out: list[int | None] = [None] * len(ep.inputs)
    if valid.size == 1:
        out[valid[0]] = 0
    if valid.size < 2:
        return out
    z = linkage(ep.inputs.voice[valid].astype(np.float64), method="average", metric="cosine")
    lab = fcluster(z, t=1.0 - similarity_cut, criterion="distance")
    for k, row in enumerate(valid):
        out[row] = int(lab[k])
    return out


def tune_cut(train: list[LabeledEpisode]) -> float:
    """The similarity cut minimising mean operations per 100 lines on the training episodes (ties: higher F1)."""
    best = None
    for cut in CUT_GRID:
        res = [score(ep.labels, average_linkage(ep, float(cut))) for ep in train]
        key = (np.mean([r.ops_per_100 for r in res]), -np.mean([r.edge_f1 for r in res]))
        if best is None or key < best[0]:
            best = (key, float(cut))
    return best[1]


def seed_label_knn(ep: LabeledEpisode, k_seed: int = 3, k: int = 3, seed: int = 0) -> list[int | None]:
    """k_seed random labeled lines per character are given; every other line takes the majority label of its
    k nearest seeds (voice cosine; ties → the nearest). Group ids are speaker indices."""
    rng = np.random.default_rng(seed)
    names = sorted(set(ep.labels[ep.labels != ""]))
    valid = ep.inputs.valid_voice
    seeds: list[int] = []
    for nm in names:
        rows = np.flatnonzero((ep.labels == nm) & valid)
        seeds += sorted(rng.choice(rows, size=min(k_seed, rows.size), replace=False).tolist())
    seeds_a = np.array(seeds, dtype=np.int64)
    code = {nm: c for c, nm in enumerate(names)}
    seed_lab = np.array([code[ep.labels[s]] for s in seeds_a])
    out: list[int | None] = [None] * len(ep.inputs)
    if seeds_a.size == 0:
        return out
    sims = ep.inputs.voice @ ep.inputs.voice[seeds_a].T
    for row in np.flatnonzero(valid):
        order = np.argsort(-sims[row], kind="stable")[:k]
        votes = np.bincount(seed_lab[order], minlength=len(names))
        top = np.flatnonzero(votes == votes.max())
        out[row] = int(seed_lab[order[0]]) if top.size > 1 and seed_lab[order[0]] in top else int(top[0])
    for s, lab in zip(seeds_a.tolist(), seed_lab.tolist()):
        out[s] = int(lab)
    return out


def ours(ep: LabeledEpisode, heads: Heads, method: str, params=None) -> list[int | None]:
    inp = heads.project(ep.inputs)
    cv, ci = heads.confidence(inp)
    if params is None:
        labels = group_with_heads(inp, cv, ci, heads, method)
    else:
        i, j = candidate_edges(inp)
        feats = edge_features(inp, cv, ci, i, j)
        s = score_edges(method, feats, heads.meta, heads.merge_scores)
        labels = group_arrays(inp, cv, ci, params, lambda a, b: s, edges=(i, j))
    return [None if v < 0 else int(v) for v in labels]


@dataclass
class Row:
    method: str
    scores: list[Scores] = field(default_factory=list)
    given: int = 0                  # true labels the method was given (seed lines): work the ops do not count

    def mean(self, key: str) -> float:
        return float(np.mean([getattr(s, key) for s in self.scores]))

    @property
    def pooled_ops_per_100(self) -> float:
        n = sum(s.n_lines for s in self.scores)
        return 100.0 * sum(s.ops for s in self.scores) / n if n else 0.0


def evaluate(train: list[LabeledEpisode], test: list[LabeledEpisode], heads: Heads | None, *, k_seed: int = 3,
             seed: int = 0, progress: ProgressFn = no_progress,
             cancel: threading.Event | None = None) -> tuple[list[Row], dict]:
    """Run every method on the test episodes. The tuned baseline's cut comes from ``train`` only."""
    info: dict = {}
    progress(0.0, "tuning the baseline cut on the training episodes")
    cut = tune_cut(train) if train else ORIGINAL_CUT
    info["tuned_cut"] = cut
    methods = [(f"original: avg-link, voice, cut {ORIGINAL_CUT}", lambda ep: average_linkage(ep, ORIGINAL_CUT)),
               (f"avg-link, cut tuned on train ({cut:.3f})", lambda ep: average_linkage(ep, cut)),
               (f"seed-label 3-NN ({k_seed} labeled/character)", lambda ep: seed_label_knn(ep, k_seed, 3, seed))]
    if heads is not None and heads.meta.get("voice_projection"):     # the same baseline in the learned voice space
        methods.append((f"seed-label 3-NN, learned voice projection ({k_seed} labeled/character)",
                        lambda ep: seed_label_knn(replace(ep, inputs=heads.project(ep.inputs)), k_seed, 3, seed)))
    names = {"voice": "ours: voice only", "voice+image": "ours: voice + image", "mlp": "ours: + merge MLP",
             "adaptive": "ours: episode-adaptive (NME-SC + reassignment)"}
    if heads is not None:
        methods += [(names[m], (lambda mm: lambda ep: ours(ep, heads, mm))(m)) for m in METHODS]
    rows = []
    for k, (name, fn) in enumerate(methods):
        check_cancel(cancel)
        progress(0.1 + 0.9 * k / len(methods), name)
        given = sum(min(k_seed, int(((ep.labels == nm) & ep.inputs.valid_voice).sum()))
                    for ep in test for nm in set(ep.labels[ep.labels != ""])) if name.startswith("seed") else 0
        rows.append(Row(name, [score(ep.labels, fn(ep)) for ep in test], given))
    progress(1.0, "evaluated")
    return rows, info


def format_table(rows: list[Row]) -> str:
    head = ("| method | edge P | edge R | edge F1 | B³ F1 | D | A | J | ops/100 lines | labels given/100 |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    body = [f"| {r.method} | {r.mean('edge_precision'):.3f} | {r.mean('edge_recall'):.3f} | "
            f"{r.mean('edge_f1'):.3f} | {r.mean('bcubed_f1'):.3f} | {sum(s.deletes for s in r.scores)} | "
            f"{sum(s.adds for s in r.scores)} | {sum(s.joins for s in r.scores)} | {r.pooled_ops_per_100:.1f} | "
            f"{100.0 * r.given / max(1, sum(s.n_lines for s in r.scores)):.1f} |"
            for r in rows]
    return "\n".join([head, *body])
