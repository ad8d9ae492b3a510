"""`svsg train` in the core: fit the confidence heads and the merge MLP on labeled episodes, calibrate every
method's thresholds on the training episodes, measure on held-out (validation) episodes, write the heads folder
(ONNX + heads.json + model card)."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..metrics import score
from ..progress import ProgressFn, check_cancel, no_progress
from ..grouping.agglomerate import AggloParams
from ..grouping.engine import candidate_edges, group_arrays, line_durations
from ..grouping.adaptive import AdaptiveParams, adaptive_groups
from ..grouping.heads import (ADAPTIVE, HEADS_FILE, METHODS, THRESHOLD_METHODS, Heads, score_edges,
                              write_checksums)
from ..grouping.projection import DEFAULT_DIM, DEFAULT_REG, apply_projection, fit_projection, save_projection
from ..grouping.inputs import STAT_NAMES, confidence_inputs, edge_features
from .training import (MERGE_INPUTS, LabeledEpisode, confidence_targets, export_onnx, fit_net, isotonic_table,
                       linear_scorer, merge_samples, predict_net, slope, spearman)

log = logging.getLogger(__name__)
QUANTS = (0.3, 0.45, 0.6, 0.7, 0.8, 0.9, 0.95)
MIN_CONF_ROWS = 10                  # fewer labeled lines with an embedding of a kind: no confidence head for it
MLP_ARGS = {"objective": "bce", "hidden": 8, "epochs": 300, "weight_decay": 1e-2}


def _conf_data(eps: list[LabeledEpisode], kind: str, mode: str = "embedding+stats"):
    xs, ys, gs = [], [], []
    for g, ep in enumerate(eps):
        rows, t = confidence_targets(ep, kind)
        xs.append(confidence_inputs(ep.inputs, kind, mode)[rows])
        ys.append(np.asarray(t, np.float32))
        gs.append(np.full(rows.size, g))
    return np.concatenate(xs), np.concatenate(ys).astype(np.float32), np.concatenate(gs).astype(np.int64)


def train_confidence(kind: str, train: list[LabeledEpisode], val: list[LabeledEpisode], seed: int,
                     cancel=None) -> tuple[object, dict, dict]:
    """Fit regression and ranking heads on the embedding + line stats and on the line stats alone; keep the one
    with the best held-out Spearman (training Spearman when there are no validation episodes)."""
    report, best = {}, None
    if _conf_data(train, kind, "stats")[0].shape[0] < MIN_CONF_ROWS:
        # e.g. audio-only material has no image embeddings at all: no head, confidence 0 where there is no
        # embedding anyway (Heads.confidence reads ``file: null`` as that)
        return None, {"objective": "none", "inputs": "stats", "calibration": None, "input_dim": 0}, report
    for mode in ("embedding+stats", "stats"):
        x, y, g = _conf_data(train, kind, mode)
        xv, yv, _ = _conf_data(val, kind, mode) if val else (x, y, g)
        for objective in ("regression", "rank"):
            net = fit_net(x, y, objective=objective, groups=g, seed=seed, cancel=cancel)
            cal = isotonic_table(predict_net(net, x), y) if objective == "rank" else None
            pv = predict_net(net, xv)
            pv = np.interp(pv, cal["x"], cal["y"]) if cal else pv
            r = {"spearman": spearman(pv, yv), "slope": slope(pv, yv), "mae": float(np.mean(np.abs(pv - yv))),
                 "lines": int(len(yv))}
            report[f"{objective}, {mode}"] = r
            if best is None or r["spearman"] > best[2]["spearman"]:
                best = (net, cal, r, objective, mode, int(x.shape[1]))
    net, cal, _, objective, mode, dim = best
    return net, {"objective": objective, "inputs": mode, "calibration": cal, "input_dim": dim}, report


def _oof_confidence(train, val, folds, meta, seed, cancel) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per training episode, (voice, image) confidences predicted by heads fitted on the other folds only."""
    out = [[None, None] for _ in train]
    for col, kind in enumerate(("voice", "image")):
        objective = meta[f"confidence_{kind}"]["objective"]
        mode = meta[f"confidence_{kind}"]["inputs"]
        valid_of = (lambda ep: ep.inputs.valid_voice) if kind == "voice" else (lambda ep: ep.inputs.valid_image)
        for f in sorted(set(folds)):
            fit = [ep for ep, g in zip(train, folds) if g != f] or train
            x, y, g = _conf_data(fit, kind, mode)
            if objective == "none" or x.shape[0] < MIN_CONF_ROWS:
                for k, ep in enumerate(train):
                    if folds[k] == f:
                        out[k][col] = np.zeros(len(ep.inputs), np.float32)
                continue
            net = fit_net(x, y, objective=objective, groups=g, seed=seed, cancel=cancel)
            cal = isotonic_table(predict_net(net, x), y) if objective == "rank" else None
            for k, ep in enumerate(train):
                if folds[k] == f:
                    raw = predict_net(net, confidence_inputs(ep.inputs, kind, mode))
                    c = np.interp(raw, cal["x"], cal["y"]) if cal else raw
                    out[k][col] = np.where(valid_of(ep), np.clip(c, 0, 1), 0).astype(np.float32)
    return [(a, b) for a, b in out]


def _prepared(ep: LabeledEpisode, heads: Heads):
    """``ep`` must already be in the heads' voice space (see :func:`project_episodes`)."""
    cv, ci = heads.confidence(ep.inputs)
    return _prep_with(ep, cv, ci)


def _prep_with(ep: LabeledEpisode, cv: np.ndarray, ci: np.ndarray):
    i, j = candidate_edges(ep.inputs)
    feats = edge_features(ep.inputs, cv, ci, i, j)
    return cv, ci, (i, j), feats


def run_method(ep, prep, params: AggloParams, scores: np.ndarray) -> np.ndarray:
    """Group one prepared episode with precomputed edge scores (aligned with ``prep``'s edges)."""
    cv, ci, edges, _ = prep
    return group_arrays(ep.inputs, cv, ci, params, lambda i, j: scores, edges=edges)


def calibrate(eps: list[LabeledEpisode], preps: list, ep_scores: list[np.ndarray],
              cancel: threading.Event | None = None, random_trials: int = 150) -> tuple[AggloParams, float]:
    """Thresholds minimising mean operations per 100 lines on the given (training) episodes: a seeded random
    search over the grid, then coordinate refinement."""
    scores = np.concatenate(ep_scores)
    sims = np.concatenate([p[3][:, 0] for p in preps])
    confs = np.concatenate([p[0] for p in preps])
    grid = {
        "tau": [0.0, *np.quantile(confs, [0.1, 0.2, 0.3, 0.5])],
        "merge_threshold": list(np.quantile(scores, QUANTS)),
        "join_threshold": list(np.quantile(scores, QUANTS)),
        "link_threshold": [-np.inf, *np.quantile(sims, np.linspace(0.05, 0.95, 13))],
        "attach_threshold": [np.inf, *np.quantile(sims, np.linspace(0.05, 0.8, 8))],
        "small_size": [1, 2, 3, 5],
        "reassign_margin": [np.inf, 0.0, 0.02, 0.05, 0.1],
    }
    cur = {"tau": grid["tau"][2], "merge_threshold": grid["merge_threshold"][3],
           "join_threshold": grid["join_threshold"][3], "link_threshold": -np.inf, "attach_threshold": np.inf,
           "small_size": 1, "reassign_margin": np.inf}

    def cost(p: dict) -> tuple[float, float]:
        res = [score(ep.labels, list(run_method(ep, pr, AggloParams(**p), sc)))
               for ep, pr, sc in zip(eps, preps, ep_scores)]
        return float(np.mean([r.ops_per_100 for r in res])), -float(np.mean([r.edge_f1 for r in res]))

    rng = np.random.default_rng(0)
    tried = [(cost(cur), cur)]
    for _ in range(random_trials):                   # seeded random search ...
        check_cancel(cancel)
        trial = {k: float(v[rng.integers(len(v))]) for k, v in grid.items()}
        tried.append((cost(trial), trial))
    tried.sort(key=lambda t: t[0])
    best, cur = tried[0]
    for c0, start in [tried[0], *tried[1:3], *[t for t in tried if t[1]["tau"] == 0.0][:1]]:
        c_best, c_cur = c0, start                    # ... then coordinate refinement from a few starts
        for _ in range(2):
            for key, values in grid.items():
                for v in values:
                    check_cancel(cancel)
                    trial = {**c_cur, key: float(v)}
                    c = cost(trial)
                    if c < c_best:
                        c_best, c_cur = c, trial
        if c_best < best:
            best, cur = c_best, c_cur
    return AggloParams(**cur), best[0]


def project_episodes(train: list[LabeledEpisode], val: list[LabeledEpisode], folds: list[int], dim: int,
                     reg: float) -> tuple[tuple[np.ndarray, np.ndarray], list[LabeledEpisode], list[LabeledEpisode]]:
    """The voice projection fitted on all training episodes (used at inference and on validation), and the
    training episodes projected **out of fold** (each by a projection fitted on the other folds), so the heads and
    thresholds fitted on them see similarities like those of unseen episodes."""
    by_fold = {f: fit_projection([ep for ep, g in zip(train, folds) if g != f] or train, dim=dim, reg=reg)
               for f in sorted(set(folds))}
    full = fit_projection(train, dim=dim, reg=reg)
    keep = min(m.shape[1] for _, m in [*by_fold.values(), full])   # one dimension for all (fewer classes per fold)
    by_fold = {f: (mu, m[:, :keep]) for f, (mu, m) in by_fold.items()}
    full = (full[0], full[1][:, :keep])
    tr = [replace(ep, inputs=apply_projection(ep.inputs, *by_fold[f])) for ep, f in zip(train, folds)]
    va = [replace(ep, inputs=apply_projection(ep.inputs, *full)) for ep in val]
    return full, tr, va


def train_heads(train: list[LabeledEpisode], val: list[LabeledEpisode], out_dir: str | Path, *, seed: int = 0,
                notes: dict | None = None, calibration_trials: int = 150, projection_dim: int = DEFAULT_DIM,
                projection_reg: float = DEFAULT_REG, val_domains: list[str] | None = None,
                progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> dict:
    """``projection_dim`` > 0: learn a speaker-discriminative voice projection (LDA, see :mod:`.projection`) and
    fit everything else in that space; 0: use the encoder's voice space as is. ``val_domains`` (aligned with
    ``val``) names the kind of material of each validation episode for the default-method pick (see
    :func:`pick_default_method`); by default the part of an episode's name before a "/" (the benchmark's
    "domain/episode"), else the episode itself."""
    if val_domains is not None and len(val_domains) != len(val):
        raise ValueError(f"val_domains names {len(val_domains)} domains for {len(val)} validation episodes")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    first = train[0].inputs
    meta: dict = {"format": 1, "voice_model": first.voice_model, "image_model": first.image_model,
                  "voice_dim": int(first.voice.shape[1]), "image_dim": int(first.image.shape[1]),
                  "stat_names": list(STAT_NAMES), "merge_inputs": list(MERGE_INPUTS), "seed": seed,
                  "training_episodes": [e.name for e in train], "validation_episodes": [e.name for e in val],
                  "training_lines": int(sum(len(e.inputs) for e in train)), **(notes or {})}
    held = "validation" if val else "training (no validation episodes given)"
    report: dict = {"held_out_on": held}
    folds = [k % min(3, len(train)) for k in range(len(train))] if len(train) > 1 else [0]
    (out / "voice_projection.npz").unlink(missing_ok=True)
    if projection_dim > 0:
        # kept only when it raises leave-one-out voice 1-NN accuracy on the held-out episodes (training episodes
        # projected out of fold when there are none): too few training speakers give a projection that does not
        # generalise
        progress(0.01, "learning the voice projection")
        (mean, matrix), ptrain, pval = project_episodes(train, val, folds, projection_dim, projection_reg)
        loo = {"raw": _loo_1nn(val or train), "projected": _loo_1nn(pval or ptrain)}
        loo["kept"] = bool(loo["projected"] > loo["raw"])
        report["voice_loo_1nn"] = loo
        if loo["kept"]:
            train, val = ptrain, pval
            save_projection(out / "voice_projection.npz", mean, matrix)
            meta["voice_projection"] = {"file": "voice_projection.npz", "kind": "lda", "dim": int(matrix.shape[1]),
                                        "reg": float(projection_reg), "classes": "(episode, speaker)"}
        else:
            log.info("voice projection not kept: held-out 1-NN %.3f projected vs %.3f raw", loo["projected"],
                     loo["raw"])
    for step, kind in enumerate(("voice", "image")):
        progress(0.05 + 0.15 * step, f"training the {kind} confidence head")
        net, info, rep = train_confidence(kind, train, val, seed, cancel)
        (out / f"confidence_{kind}.onnx").unlink(missing_ok=True)
        if net is not None:
            export_onnx(net, info["input_dim"], out / f"confidence_{kind}.onnx")
        meta[f"confidence_{kind}"] = {"file": None if net is None else f"confidence_{kind}.onnx", **info}
        report[f"confidence_{kind}"] = rep
    progress(0.3, "cross-fitting confidence (out-of-fold)")
    oof = _oof_confidence(train, val, folds, meta, seed, cancel)
    preps = [_prep_with(ep, cv, ci) for ep, (cv, ci) in zip(train, oof)]
    progress(0.4, "extracting merge samples")
    samples = [merge_samples(ep, p[0], p[1]) for ep, p in zip(train, preps)]
    xm = np.concatenate([s[0] for s in samples])
    ym = np.concatenate([s[1] for s in samples])
    meta["linear"] = linear_scorer(xm, ym)
    progress(0.45, "training the merge MLP")
    mlp_net = fit_net(xm, ym, **MLP_ARGS, seed=seed, cancel=cancel)
    export_onnx(mlp_net, xm.shape[1], out / "merge.onnx")
    meta["merge"] = {"file": "merge.onnx", "samples": int(len(ym)), "positives": int(ym.sum())}
    # out-of-fold merge-MLP scores, so thresholds are calibrated on scores like those of unseen episodes
    oof_mlp: list = [None] * len(train)
    for f in sorted(set(folds)):
        check_cancel(cancel)
        fit_rows = [k for k in range(len(train)) if folds[k] != f] or list(range(len(train)))
        net = fit_net(np.concatenate([samples[k][0] for k in fit_rows]),
                      np.concatenate([samples[k][1] for k in fit_rows]), **MLP_ARGS, seed=seed, cancel=cancel)
        for k in range(len(train)):
            if folds[k] == f:
                oof_mlp[k] = predict_net(net, preps[k][3])
    heads = Heads(out, meta)
    meta["methods"] = {}
    for k, method in enumerate(THRESHOLD_METHODS):
        progress(0.55 + 0.1 * k, f"calibrating thresholds: {method}")
        ep_scores = oof_mlp if method == "mlp" else [score_edges(method, p[3], meta, None) for p in preps]
        params, train_ops = calibrate(train, preps, ep_scores, cancel, calibration_trials)
        meta["methods"][method] = params.as_dict()
        report.setdefault("training_ops_per_100", {})[method] = train_ops

    # the episode-adaptive method has no thresholds to fit: its training "ops" are an honest measurement
    meta[ADAPTIVE] = AdaptiveParams().as_dict()
    report["training_ops_per_100"][ADAPTIVE] = float(np.mean(
        [r.ops_per_100 for r in _adaptive_scores(train, [p[0] for p in preps], heads.adaptive_params())]))
    mlp = heads.merge_scores

    if val:
        progress(0.9, "measuring on held-out episodes")
        vpreps = [_prepared(ep, heads) for ep in val]
        val_ops: dict[str, list[float]] = {}
        val_f1: dict[str, list[float]] = {}
        for method in METHODS:
            res = _adaptive_scores(val, [pr[0] for pr in vpreps], heads.adaptive_params()) if method == ADAPTIVE \
                else [score(ep.labels, list(run_method(ep, pr, heads.params(method),
                                                       score_edges(method, pr[3], meta, mlp))))
                      for ep, pr in zip(val, vpreps)]
            val_ops[method] = [r.ops_per_100 for r in res]
            val_f1[method] = [r.edge_f1 for r in res]
            report.setdefault("held_out", {})[method] = {
                "edge_f1": float(np.mean([r.edge_f1 for r in res])),
                "bcubed_f1": float(np.mean([r.bcubed_f1 for r in res])),
                "ops_per_100": float(np.mean([r.ops_per_100 for r in res]))}
        domains = list(val_domains) if val_domains is not None else [episode_domain(ep.name) for ep in val]
        report["default_pick"] = pick_default_method(val_ops, val_f1, domains)
        meta["default_method"] = report["default_pick"]["method"]
    else:
        # the method `svsg label` uses by default without held-out episodes: the fewest training operations
        ops = report["training_ops_per_100"]
        meta["default_method"] = min(METHODS, key=lambda m: (ops[m], METHODS.index(m)))
    meta["report"] = report
    meta["train_seconds"] = round(time.monotonic() - t0, 1)
    (out / HEADS_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(meta), encoding="utf-8")
    write_checksums(out)                     # last: Heads.load verifies every file against it
    progress(1.0, "trained")
    return meta


def episode_domain(name: str) -> str:
    """The domain of an episode named "domain/episode" (the benchmark's names); any other name is its own domain."""
    return name.split("/", 1)[0] if "/" in name else name


def pick_default_method(ops: dict[str, list[float]], f1: dict[str, list[float]], domains: list[str]) -> dict:
    """The default grouping method from held-out results (``ops[method][k]``, ``f1[method][k]``: ops/100 and edge
    F1 on validation episode k, of domain ``domains[k]``), chosen so that it travels to material of a kind not seen
    in training.

    An episode's **cost** puts both of the annotator's numbers on one scale: ops/100 + 100 · (1 − edge F1) (edge
    F1 in percentage points: ops/100 alone barely charges a split speaker — one join — that F1 does).
    Per domain, each method's **regret** is its mean cost over that domain's validation episodes minus the best
    method's; the pick minimises the **worst domain's** regret (then the mean regret over domains, then the method
    order). A regret is measured against the best method on the same episodes, so a hard domain (high cost for
    every method) does not outweigh an easy one, and one domain where a method collapses is enough to rule it
    out — the pooled mean of ops/100 it replaces picked a method that was good on average over easy domains and
    poor elsewhere (issue 10, leave-one-domain-out)."""
    methods = [m for m in METHODS if m in ops]
    doms = list(dict.fromkeys(domains))
    idx = {d: [k for k, x in enumerate(domains) if x == d] for d in doms}
    by = lambda v: {m: {d: float(np.mean([v[m][k] for k in idx[d]])) for d in doms} for m in methods}  # noqa: E731
    cost = by({m: [o + 100.0 * (1.0 - f) for o, f in zip(ops[m], f1[m])] for m in methods})
    best = {d: min(cost[m][d] for m in methods) for d in doms}
    regret = {m: {d: cost[m][d] - best[d] for d in doms} for m in methods}
    key = {m: (max(regret[m].values()), float(np.mean(list(regret[m].values()))), METHODS.index(m))
           for m in methods}
    method = min(methods, key=lambda m: key[m])
    return {"method": method,
            "criterion": "worst-domain regret in held-out cost (ops/100 + 100 (1 - edge F1)), then mean regret",
            "worst_regret": {m: key[m][0] for m in methods}, "mean_regret": {m: key[m][1] for m in methods},
            "cost_by_domain": cost, "ops_per_100_by_domain": by(ops), "edge_f1_by_domain": by(f1),
            "pooled_pick": min(methods, key=lambda m: (float(np.mean(ops[m])), METHODS.index(m)))}


def _adaptive_scores(eps: list[LabeledEpisode], cvs: list[np.ndarray], params: AdaptiveParams) -> list:
    """Scores of the episode-adaptive grouping on labeled episodes (already in the heads' voice space)."""
    out = []
    for ep, cv in zip(eps, cvs):
        lab = adaptive_groups(ep.inputs.voice, ep.inputs.valid_voice, cv, params,
                              duration=line_durations(ep.inputs))     # as the product groups it (engine)
        out.append(score(ep.labels, [None if v < 0 else int(v) for v in lab]))
    return out


def _projection_card(meta: dict) -> list[str]:
    spec = meta.get("voice_projection")
    loo = meta.get("report", {}).get("voice_loo_1nn", {})
    if not spec:
        why = (f" (an LDA projection was fitted but not kept: held-out voice 1-NN {loo['projected']:.3f} against "
               f"{loo['raw']:.3f} raw)") if loo else ""
        return [f"Voice space: the encoder's own, no learned projection{why}.", ""]
    return [f"Voice space: LDA projection to {spec['dim']} dimensions (within-class whitening, regulariser "
            f"{spec['reg']:g}; classes = {spec['classes']}), fitted on the training episodes (`{spec['file']}`); "
            f"every head and threshold below is fitted in that space, training episodes projected out of fold. "
            f"Leave-one-out voice 1-NN accuracy on the {meta['report'].get('held_out_on', 'held-out')} episodes: "
            f"{loo.get('raw', float('nan')):.3f} raw → {loo.get('projected', float('nan')):.3f} projected.", ""]


def _loo_1nn(eps: list[LabeledEpisode]) -> float:
    """Mean over episodes of leave-one-out voice 1-NN speaker accuracy (labeled lines with a voice)."""
    accs = []
    for ep in eps:
        rows = np.flatnonzero(ep.inputs.valid_voice & (ep.labels != ""))
        if rows.size < 2:
            continue
        x = ep.inputs.voice[rows]
        s = x @ x.T
        np.fill_diagonal(s, -np.inf)
        accs.append(float(np.mean(ep.labels[rows][s.argmax(axis=1)] == ep.labels[rows])))
    return float(np.mean(accs)) if accs else float("nan")


def _default_card(meta: dict) -> list[str]:
    pick = meta.get("report", {}).get("default_pick")
    method = meta.get("default_method", "mlp")
    if not pick:
        return [f"Default method (fewest training operations; no held-out episodes): `{method}`", ""]
    ops, f1 = pick["ops_per_100_by_domain"], pick["edge_f1_by_domain"]
    doms = list(next(iter(ops.values())))
    out = [f"Default method: `{method}` — the smallest worst-domain regret on the validation episodes (regret: a "
           "method's mean cost on a validation domain minus the best method's there; cost = ops/100 + 100 · (1 − "
           "edge F1); ties: the mean regret). "
           f"The pooled mean ops/100 alone would pick `{pick['pooled_pick']}`.", "",
           "| method | " + " | ".join(f"{d}: F1 / ops" for d in doms) + " | worst regret | mean regret |",
           "|---|" + "---|" * (len(doms) + 2)]
    for m in ops:
        out.append(f"| {m} | " + " | ".join(f"{f1[m][d]:.3f} / {ops[m][d]:.1f}" for d in doms)
                   + f" | {pick['worst_regret'][m]:.1f} | {pick['mean_regret'][m]:.1f} |")
    return [*out, ""]


def model_card(meta: dict) -> str:
    rep = meta.get("report", {})
    lines = ["# svsg grouping heads", "",
             f"Encoders: voice `{meta['voice_model']}` ({meta['voice_dim']}-d), image `{meta['image_model']}` "
             f"({meta['image_dim']}-d). Thresholds below are valid for this encoder pair only.", "",
             f"Training episodes ({meta['training_lines']} lines): {', '.join(meta['training_episodes'])}",
             f"Validation (held-out) episodes: {', '.join(meta['validation_episodes']) or 'none'}", "",
             *([f"Training domains: {meta['training_domains']}", ""] if meta.get("training_domains") else []),
             *([f"Validation domains: {meta['validation_domains']}", ""] if meta.get("validation_domains") else []),
             *_projection_card(meta),
             "## Confidence heads (target: majority-of-3 kNN DP, K=24, q = clip(44 / labeled lines, 0.1, 0.9))", "",
             "| head | objective, inputs | held-out Spearman | slope | MAE | chosen |", "|---|---|---|---|---|---|"]
    for kind in ("voice", "image"):
        chosen = f'{meta[f"confidence_{kind}"]["objective"]}, {meta[f"confidence_{kind}"]["inputs"]}'
        for obj, r in rep.get(f"confidence_{kind}", {}).items():
            lines.append(f"| {kind} | {obj} | {r['spearman']:.3f} | {r['slope']:.2f} | {r['mae']:.3f} | "
                         f"{'yes' if obj == chosen else ''} |")
    lines += ["", f"## Merge MLP: inputs {', '.join(meta['merge_inputs'])}; {meta['merge']['samples']} samples "
              f"({meta['merge']['positives']} positive) from the agglomeration on the training episodes", "",
              "## Calibrated thresholds and held-out grouping", "",
              *_default_card(meta),
              "| method | tau | merge | join | link | attach | small | reassign | train ops/100 | held-out edge-F1 | "
              "held-out ops/100 |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for m, p in meta["methods"].items():
        h = rep.get("held_out", {}).get(m, {})
        fmt = lambda v: "off" if v is None else f"{v:.3f}"  # noqa: E731
        lines.append(f"| {m} | {fmt(p['tau'])} | {fmt(p['merge_threshold'])} | {fmt(p['join_threshold'])} | "
                     f"{fmt(p['link_threshold'])} | {fmt(p['attach_threshold'])} | {p.get('small_size', 1):g} | "
                     f"{fmt(p.get('reassign_margin'))} | "
                     f"{rep.get('training_ops_per_100', {}).get(m, float('nan')):.1f} | "
                     f"{h.get('edge_f1', float('nan')):.3f} | {h.get('ops_per_100', float('nan')):.1f} |")
    if ADAPTIVE in meta:
        h = rep.get("held_out", {}).get(ADAPTIVE, {})
        settings = ", ".join(f"{k}={v:g}" for k, v in meta[ADAPTIVE].items())
        train_ops = rep.get("training_ops_per_100", {}).get(ADAPTIVE, float("nan"))
        lines.append(f"| {ADAPTIVE} (no absolute thresholds: {settings}) | – | – | – | – | – | – | – | "
                     f"{train_ops:.1f} | {h.get('edge_f1', float('nan')):.3f} | {h.get('ops_per_100', float('nan')):.1f} |")
    return "\n".join(lines) + "\n"
