"""Scale benchmark: confidence-aware clustering of 100k lines with realistic cluster structure.

Synthetic embeddings (30 speakers, Zipf sizes, low-rank noise growing for short lines, 256-d voice, 64-d reduced
image — see core/training/synthetic.py). Confidence: the local-density statistic (mean cosine to the 5 nearest
lines), so no trained head is needed; thresholds from edge-score quantiles. Baseline in the same run: scipy/sklearn
average linkage on a subsample, its time extrapolated with its O(n²) cost. Prints one table.

    .venv/bin/python benchmarks/bench_cluster.py [--lines 100000]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from svsg_desktop.core import metrics
from svsg_desktop.core.grouping import graph
from svsg_desktop.core.grouping.adaptive import adaptive_groups
from svsg_desktop.core.grouping.agglomerate import AggloParams, agglomerate
from svsg_desktop.core.grouping.engine import candidate_edges
from svsg_desktop.core.training.synthetic import make_synthetic


class _Inp:
    def __init__(self, f):
        n = len(f.line_ids)
        self.voice, self.image = graph.l2_normalise(f.voice), graph.l2_normalise(f.image)
        self.valid_voice = self.valid_image = np.ones(n, bool)

    def __len__(self):
        return self.voice.shape[0]


def ours(f, quiet=False):
    t0, c0 = time.perf_counter(), time.process_time()
    inp = _Inp(f)
    i, j = candidate_edges(inp)
    t_graph = time.perf_counter() - t0
    s = graph.pair_cosine(inp.voice, i, j)
    # label-free confidence: mean similarity over each line's own voice edges
    conf = np.zeros(len(inp), np.float64)
    cnt = np.zeros(len(inp), np.float64)
    np.add.at(conf, i, s)
    np.add.at(conf, j, s)
    np.add.at(cnt, i, 1)
    np.add.at(cnt, j, 1)
    conf /= np.maximum(cnt, 1)
    q = lambda a, p: float(np.quantile(a, p))  # noqa: E731
    params = AggloParams(tau=q(conf, 0.2), merge_threshold=q(s, 0.6), join_threshold=q(s, 0.6),
                         link_threshold=q(s, 0.05), attach_threshold=q(s, 0.3))
    labels = agglomerate(len(inp), i, j, s, conf, params, voice=inp.voice)
    return labels, time.perf_counter() - t0, t_graph, i.size, time.process_time() - c0


def adaptive(f):
    """The episode-adaptive method (the default): k-means atoms + NME-SC on them + centroid reassignment. Its
    confidence input: the line's duration rank stand-in (short lines least sure), as only the ranking is used."""
    t0, c0 = time.perf_counter(), time.process_time()
    inp = _Inp(f)
    conf = np.asarray(f.stats["duration_s"], np.float64) if "duration_s" in (f.stats or {}) else np.ones(len(inp))
    labels = adaptive_groups(inp.voice, inp.valid_voice, conf)
    return labels, time.perf_counter() - t0, time.process_time() - c0


def baseline(f, n_sub: int, seed: int = 0):
    from sklearn.cluster import AgglomerativeClustering

    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(len(f.line_ids), n_sub, replace=False))
    t0, c0 = time.perf_counter(), time.process_time()
    lab = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                  distance_threshold=0.55).fit_predict(f.voice[rows])
    return rows, lab, time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--speakers", type=int, default=30)
    ap.add_argument("--baseline-lines", type=int, default=8000)
    args = ap.parse_args()
    t = time.perf_counter()
    f = make_synthetic(args.lines, args.speakers, seed=0, dv=256, di=64, n_locations=40)
    t_gen = time.perf_counter() - t
    labels, t_ours, t_graph, n_edges, cpu_ours = ours(f)
    rss_ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    alab, t_ad, cpu_ad = adaptive(f)
    rss_ad = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sa = metrics.score(list(f.speakers), list(alab))
    s = metrics.score(list(f.speakers), list(labels))
    rows, blab, t_base, cpu_base = baseline(f, args.baseline_lines)
    sb = metrics.score(list(f.speakers[rows]), list(blab))
    so = metrics.score(list(f.speakers[rows]), list(labels[rows]))
    extrap = cpu_base * (args.lines / args.baseline_lines) ** 2
    mem_base = 8 * args.lines ** 2 / 2 / 2 ** 30
    print(f"{args.lines} lines, {args.speakers} speakers (Zipf), 256-d voice + 64-d image; data made in {t_gen:.1f} s; "
          f"{n_edges} candidate edges")
    print("| method | lines | wall (s) | CPU (s) | peak RSS / memory | edge F1 | ops/100 |")
    print("|---|---|---|---|---|---|---|")
    print(f"| ours: kNN graph + union-find (graph {t_graph:.1f} s) | {args.lines} | {t_ours:.1f} | {cpu_ours:.1f} | "
          f"{rss_ours:.0f} MB (process) | {s.edge_f1:.3f} | {s.ops_per_100:.1f} |")
    print(f"| ours, episode-adaptive (default: atoms + NME-SC) | {args.lines} | {t_ad:.1f} | {cpu_ad:.1f} | "
          f"{rss_ad:.0f} MB (process peak so far) | {sa.edge_f1:.3f} | {sa.ops_per_100:.1f} |")
    print(f"| ours, scored on the baseline's subsample | {args.baseline_lines} | – | – | – | {so.edge_f1:.3f} | "
          f"{so.ops_per_100:.1f} |")
    print(f"| sklearn average linkage (cosine) | {args.baseline_lines} | {t_base:.1f} | {cpu_base:.1f} | – | {sb.edge_f1:.3f} | "
          f"{sb.ops_per_100:.1f} |")
    print(f"| sklearn average linkage, extrapolated O(n²) | {args.lines} | – | ~{extrap:.0f} | ≥ {mem_base:.0f} GB "
          f"(condensed distances) | – | – |")
    print(f"CPU-time speed-up vs the extrapolated baseline: ×{extrap / cpu_ours:.0f} (wall time depends on the "
          "machine's other load: CPU time is the fair measure on a shared machine)")


if __name__ == "__main__":
    main()
