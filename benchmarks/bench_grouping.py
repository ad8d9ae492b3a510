"""Cross-domain grouping benchmark (issue 10): leave-one-domain-out, in-domain, and baselines, in one table.

For each held-out domain, grouping heads are trained through the real training API (``svsg train``'s core) on the
other domains' episodes (one episode per training domain for validation), then every episode of the held-out
domain is grouped. The test-only domains (``demo``: today's generator test episodes; ``pyannote``: a real phone
call) are never trained on: they are grouped by heads trained on all the other domains. Baselines in the same
table: average linkage with the similarity cut tuned on the same training episodes, and the seed's fixed 0.3 cut.
Also: the shipped heads (models/heads) on every episode they never saw (``demo``: the in-domain number), and the
heads of ``--before`` (default: the last commit before issue 10, trained on the demo generator only). Features are cached per episode folder (features.npz).

    python -m benchmarks.corpus.build --out CORPUS                       # the corpus (once)
    python benchmarks/bench_grouping.py --corpus CORPUS [--domains a,b] [--quick] [--figures docs/figures]

Prints the table; writes ``grouping.csv`` and ``grouping.md`` into ``--results`` (default CORPUS/results)."""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import build  # noqa: E402
from benchmarks.corpus.table import Result, markdown, summarise, summary, target_misses, write_csv  # noqa: E402
from svsg_desktop.core.errors import ModelError  # noqa: E402
from svsg_desktop.core.grouping.heads import Heads  # noqa: E402
from svsg_desktop.core.grouping.inputs import STAT_NAMES  # noqa: E402
from svsg_desktop.core.training import evaluation  # noqa: E402
from svsg_desktop.core.training.episodes import load_labeled_episode  # noqa: E402
from svsg_desktop.core.training.trainer import train_heads  # noqa: E402
from svsg_desktop.core.training.training import LabeledEpisode  # noqa: E402

log = logging.getLogger("bench_grouping")
OURS = "ours, default"        # + " (<method>)": the method the trained heads chose for `svsg label`
BEFORE_ISSUE_10 = "9a8a2be"       # the heads trained on the demo generator only (docs/evaluation.md, "before")
EXTRA_METHODS: list[str] = []      # --all-methods: every grouping method of the heads gets its own row
VAL_EPISODES = 2                   # validation episodes per training domain (the default-method pick)


def load_domains(root: Path, domains: list[str], per_domain: int | None) -> dict[str, list[LabeledEpisode]]:
    out = {}
    for d in domains:
        folders = build.episode_folders(root, d)[:per_domain]
        if not folders:
            log.warning("domain %s has no episodes in %s: skipped (build it with benchmarks/corpus)", d, root)
            continue
        t = time.perf_counter()
        out[d] = [load_labeled_episode(f, cache_dir=root / "_features") for f in folders]
        out[d] = [_renamed(ep, d) for ep in out[d]]
        log.info("%s: %d episodes, %d lines (%.0f s)", d, len(out[d]), sum(len(e.labels) for e in out[d]),
                 time.perf_counter() - t)
    return out


def _renamed(ep: LabeledEpisode, domain: str) -> LabeledEpisode:
    ep.name = f"{domain}/{ep.name}"
    return ep


def voice_1nn(ep: LabeledEpisode) -> float:
    """Leave-one-out voice 1-NN speaker accuracy of one episode in the encoder's raw space: how well the features
    alone tell its speakers apart (the ceiling no grouping can beat by much)."""
    keep = ep.inputs.valid_voice & (ep.labels != "")
    x, lab = ep.inputs.voice[keep], ep.labels[keep]
    if len(lab) < 2:
        return float("nan")
    s = x @ x.T - 3.0 * np.eye(len(lab))
    return float((lab[s.argmax(axis=1)] == lab).mean())


def feature_table(data: dict[str, list[LabeledEpisode]]) -> str:
    rows = ["| domain | episodes | labeled lines | lines < 1 s | voice 1-NN (LOO, raw) |", "|---|---|---|---|---|"]
    for d, eps in data.items():
        short = [float(np.mean(ep.inputs.stats[ep.labels != "", STAT_NAMES.index("short")])) for ep in eps]
        rows.append(f"| {d} | {len(eps)} | {sum(int((e.labels != '').sum()) for e in eps)} | "
                    f"{f'{np.mean(short):.0%}' if short else '–'} | {np.nanmean([voice_1nn(e) for e in eps]):.3f} |")
    return "\n".join(rows)


def split_train_val(eps: list, n_train: int | None = None, n_val: int = VAL_EPISODES) -> tuple[list, list]:
    """The first ``n_train`` episodes of a training domain for training (all but the validation ones when None),
    the next ``n_val`` for validation — the default-method pick sees several episodes of every training domain.
    At least two episodes always stay for training; a domain of fewer than three gives no validation."""
    if len(eps) < 3:
        return list(eps), []
    n_val = max(0, min(n_val, len(eps) - 2))
    n_train = len(eps) - n_val if n_train is None else max(1, min(n_train, len(eps) - n_val))
    return list(eps[:n_train]), list(eps[n_train:n_train + n_val])


def group(ep: LabeledEpisode, heads: Heads, method: str | None = None) -> list:
    """The product's grouping of one episode with ``heads`` (by default the method ``svsg label`` uses)."""
    return evaluation.ours(ep, heads, method or heads.meta.get("default_method", "voice"))


def rows_for(setting: str, trained_on: str, tested_on: str, test: list[LabeledEpisode], heads: Heads | None,
             cut: float | None) -> list[Result]:
    """The seed's 0.3 cut, average linkage with ``cut`` (tuned on the training episodes; None: no such row) and
    ours with ``heads`` on the ``test`` episodes."""
    runs = lambda fn: [(list(ep.labels), fn(ep)) for ep in test]   # noqa: E731
    out = [summarise(setting, f"avg-link, seed cut {evaluation.ORIGINAL_CUT}", trained_on, tested_on,
                     runs(lambda ep: evaluation.average_linkage(ep, evaluation.ORIGINAL_CUT)))]
    if cut is not None:
        out.append(summarise(setting, f"avg-link, tuned cut {cut:.3f}", trained_on, tested_on,
                             runs(lambda ep: evaluation.average_linkage(ep, cut))))
    if heads is not None:
        chosen = heads.meta.get("default_method", "voice")
        out.append(summarise(setting, f"{OURS} ({chosen})", trained_on, tested_on, runs(lambda ep: group(ep, heads))))
        for m in EXTRA_METHODS:
            try:
                out.append(summarise(setting, f"ours: {m}", trained_on, tested_on,
                                     runs(lambda ep: group(ep, heads, m))))
            except ModelError as err:        # heads without that method (e.g. older heads)
                log.info("no row for %s: %s", m, err)
    return out


def heads_at(ref: str, dest: Path) -> Path:
    """The grouping heads of git revision ``ref`` (e.g. :data:`BEFORE_ISSUE_10`, trained on the demo generator
    only) copied into ``dest``, with checksums recorded when that revision had none."""
    import subprocess

    from svsg_desktop.core.grouping.heads import write_checksums

    root = Path(__file__).resolve().parents[1]
    names = subprocess.run(["git", "ls-tree", "--name-only", ref, "models/heads/"], cwd=root, check=True,
                           capture_output=True, text=True).stdout.split()
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        blob = subprocess.run(["git", "show", f"{ref}:{name}"], cwd=root, check=True, capture_output=True).stdout
        (dest / Path(name).name).write_bytes(blob)
    if not (dest / "heads.sha256").exists():
        write_checksums(dest)
    return dest


def _trained_label(meta: dict) -> str:
    names = [*meta.get("training_episodes", []), *meta.get("validation_episodes", [])]
    alias = {"s": "demo-dev", "train": "demo-train", "val": "demo-val"}     # the demo generator's episode names
    stems = sorted({alias.get(k, k) for k in (re.sub(r"\d+$", "", n) for n in names)})
    return "+".join(stems) + f" ({len(names)} episodes)"


def heads_rows(data: dict[str, list[LabeledEpisode]], heads_dir: Path | None, setting: str,
               in_domain: str) -> list[Result]:
    """Given heads (the shipped ones by default) on every episode they never saw (neither training nor validation,
    by episode folder name), beside the seed's 0.3 cut. No tuned cut here: the corpus has no training split for
    these heads. ``demo`` rows get the setting ``in_domain``."""
    try:
        heads = Heads.load(heads_dir)
    except ModelError as err:
        log.warning("no rows for the heads in %s: %s", heads_dir, err)
        return []
    seen = {*heads.meta.get("training_episodes", []), *heads.meta.get("validation_episodes", [])}
    trained = _trained_label(heads.meta)
    out = []
    for d, eps in data.items():
        test = [ep for ep in eps if ep.name not in seen and ep.name.split("/")[-1] not in seen]
        if test:
            out += rows_for(in_domain if d == "demo" else setting, trained, d, test, heads, None)
    return out


def train_on(data: dict[str, list[LabeledEpisode]], domains: list[str], folder: Path, trials: int,
             per_domain: int | None = None, n_val: int = VAL_EPISODES) -> tuple[Heads, float]:
    """Heads trained through the real training API on ``domains`` (the first ``per_domain`` episodes of each for
    training, the next ``n_val`` for validation: they pick the default method), and the average-linkage cut tuned
    on the same training episodes."""
    parts = [split_train_val(data[d], per_domain, n_val) for d in domains]
    train = [ep for tr, _ in parts for ep in tr]
    val = [ep for _, va in parts for ep in va]
    t = time.perf_counter()
    train_heads(train, val, folder, calibration_trials=trials, notes={"benchmark": f"trained on {domains}"})
    cut = evaluation.tune_cut(train)
    log.info("trained on %s (%d episodes, %d validation) in %.0f s; tuned cut %.3f", "+".join(domains), len(train),
             len(val), time.perf_counter() - t, cut)
    return Heads.load(folder), cut


def leave_one_out(data: dict[str, list[LabeledEpisode]], work: Path, trials: int,
                  per_domain: int | None = None, n_val: int = VAL_EPISODES) -> tuple[list[Result], dict]:
    """Each trainable domain held out in turn; the test-only domains (demo, pyannote) with heads trained on every
    trainable domain."""
    trainable = [d for d in data if d not in build.TEST_ONLY]
    rows, heads_by_domain = [], {}
    for held in trainable:
        others = [d for d in trainable if d != held]
        if not others:
            break
        heads, cut = train_on(data, others, work / f"heads_without_{held}", trials, per_domain, n_val)
        heads_by_domain[held] = heads
        rows += rows_for("leave-one-domain-out", "+".join(others), held, data[held], heads, cut)
    test_only = [d for d in data if d in build.TEST_ONLY]
    if trainable and test_only:
        heads, cut = train_on(data, trainable, work / "heads_all_domains", trials, per_domain, n_val)
        for d in test_only:
            heads_by_domain[d] = heads
            rows += rows_for("leave-one-domain-out", "+".join(trainable), d, data[d], heads, cut)
    return rows, heads_by_domain


def pick_table(rows: list[Result], heads_by_domain: dict[str, Heads]) -> str:
    """How the default-method pick travelled: per held-out domain, the method ``train_heads`` picked on its
    validation episodes (worst-domain regret), the one the pooled mean would have picked, and the best method on
    the held-out domain itself (from the ``ours: <method>`` rows, i.e. with --all-methods)."""
    out = ["| held-out domain | picked (worst-domain regret) | pooled mean would pick | best on the held-out domain "
           "| picked: F1 / ops | best: F1 / ops |", "|---|---|---|---|---|---|"]
    lodo = [r for r in rows if r.setting == "leave-one-domain-out"]
    for d, heads in heads_by_domain.items():
        pick = heads.meta.get("report", {}).get("default_pick", {})
        chosen = heads.meta.get("default_method", "?")
        by = {r.method[len("ours: "):]: r for r in lodo if r.tested_on == d and r.method.startswith("ours: ")}
        best = min(by, key=lambda m: (by[m].ops_per_100, -by[m].edge_f1)) if by else None
        cell = lambda m: f"{by[m].edge_f1:.3f} / {by[m].ops_per_100:.1f}" if m in by else "–"   # noqa: E731
        out.append(f"| {d} | {chosen} | {pick.get('pooled_pick', '–')} | {best or '–'} | {cell(chosen)} | "
                   f"{cell(best) if best else '–'} |")
    return "\n".join(out)


def method_key(method: str) -> str:
    """The method without its per-fold detail ("avg-link, tuned cut 0.800" → "avg-link, tuned cut")."""
    return re.sub(r" \(.*\)$| [0-9.]+$", "", method)


def figures(rows: list[Result], data, heads_by_domain, folder: Path) -> list[Path]:
    from svsg_desktop.core.training import plots

    folder.mkdir(parents=True, exist_ok=True)
    plt = plots._plt()
    lodo = [r for r in rows if r.setting == "leave-one-domain-out"]
    domains = list(dict.fromkeys(r.tested_on for r in lodo))
    methods = list(dict.fromkeys(method_key(r.method) for r in lodo))
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    width = 0.8 / max(1, len(methods))
    for k, m in enumerate(methods):
        by = {r.tested_on: r for r in lodo if method_key(r.method) == m}
        x = np.arange(len(domains)) + k * width
        axes[0].bar(x, [by[d].edge_f1 if d in by else 0 for d in domains], width, label=m)
        axes[1].bar(x, [by[d].ops_per_100 if d in by else 0 for d in domains], width, label=m)
    for ax, title, line in ((axes[0], "edge F1 (held-out domain)", 0.93), (axes[1], "ops / 100 lines", 8.0)):
        ax.set_xticks(np.arange(len(domains)) + 0.4 - width / 2, domains, rotation=30)
        ax.axhline(line, color="k", ls="--", lw=0.8)
        ax.set_title(title)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    out = [folder / "lodo_bars.png"]
    fig.savefig(out[0], dpi=110)
    plt.close(fig)
    if heads_by_domain:
        out.append(similarity_grid(data, heads_by_domain, folder / "similarity_by_domain.png", plt))
    return out


def similarity_grid(data, heads_by_domain, path: Path, plt) -> Path:
    """Voice cosine matrices (in the space each held-out domain's heads group in) of one episode per domain — the
    one with the most speakers among the first three — lines ordered by true speaker."""
    doms = [d for d in data if d in heads_by_domain]
    cols = min(4, len(doms))
    rows = -(-len(doms) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 3.4 * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, d in zip(axes.flat, doms):
        ep = max(data[d][:3], key=lambda e: len(set(e.labels)))
        keep = np.flatnonzero((ep.labels != "") & ep.inputs.valid_voice)
        order = keep[np.argsort(ep.labels[keep].astype(str), kind="stable")]
        x = heads_by_domain[d].project(ep.inputs).voice[order]
        ax.imshow(x @ x.T, cmap="viridis", vmin=-0.2, vmax=1.0, interpolation="nearest")
        labs = ep.labels[order].astype(str)
        for c in np.flatnonzero(labs[1:] != labs[:-1]) + 0.5:
            ax.axhline(c, color="w", lw=0.4)
            ax.axvline(c, color="w", lw=0.4)
        ax.set_title(f"{ep.name} ({len(set(labs))} speakers)", fontsize=8)
        ax.axis("on")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("voice cosine by true speaker (held-out heads' space)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None, help="corpus folder (default $SVSG_CORPUS or .cache/corpus)")
    ap.add_argument("--domains", default=",".join(build.DOMAINS))
    ap.add_argument("--quick", action="store_true", help="2 episodes per domain, short calibration")
    ap.add_argument("--episodes", type=int, default=None, help="at most this many episodes per domain")
    ap.add_argument("--train-episodes", type=int, default=None,
                    help="train on the first N episodes of each training domain (tests use all; default: all but "
                         "the validation episodes)")
    ap.add_argument("--val-episodes", type=int, default=VAL_EPISODES,
                    help=f"validation episodes per training domain, the ones after the training episodes; they pick "
                         f"the default method (default {VAL_EPISODES})")
    ap.add_argument("--trials", type=int, default=None, help="calibration trials per method (default 150; 30 quick)")
    ap.add_argument("--heads", type=Path, default=None, help="heads to test as shipped (default: models/heads)")
    ap.add_argument("--before", default=BEFORE_ISSUE_10, help="git revision whose models/heads give the 'before' "
                    f"rows (default {BEFORE_ISSUE_10}: the last commit before issue 10; empty: none)")
    ap.add_argument("--results", type=Path, default=None, help="where grouping.csv/.md go (default CORPUS/results)")
    ap.add_argument("--figures", type=Path, default=None, help="write figures here (e.g. docs/figures)")
    ap.add_argument("--no-train", action="store_true", help="only the given heads' rows (no leave-one-out)")
    ap.add_argument("--all-methods", action="store_true", help="a row for every grouping method, not only the default")
    args = ap.parse_args(argv)
    if args.all_methods:
        from svsg_desktop.core.grouping.heads import METHODS
        EXTRA_METHODS[:] = list(METHODS)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    root = args.corpus or build.default_root()
    per = 2 if args.quick else args.episodes
    trials = args.trials or (30 if args.quick else 150)
    results = args.results or root / "results"
    data = load_domains(root, [d for d in args.domains.split(",") if d], per)
    if not data:
        print(f"no episodes under {root}: build the corpus first (python -m benchmarks.corpus.build)")
        return 2
    # the leave-one-out trainings first: the given heads are read only after them (they may still be training)
    lodo, heads_by_domain = ([], {}) if args.no_train else leave_one_out(data, results / "heads", trials,
                                                                          args.train_episodes, args.val_episodes)
    rows = heads_rows(data, heads_at(args.before, results / "heads_before"), "before issue 10: old heads",
                      "before: in-domain") if args.before else []
    rows += heads_rows(data, args.heads, "shipped heads, unseen episodes", "in-domain")
    rows += lodo
    table = (markdown(rows) + "\n\nSummary (edge F1 / ops per 100 lines):\n\n" + summary(rows, OURS)
             + "\n\nThe default-method pick, leave-one-domain-out:\n\n" + pick_table(rows, heads_by_domain)
             + "\n\nThe domains' features:\n\n" + feature_table(data))
    print(table)
    write_csv(rows, results / "grouping.csv")
    misses = target_misses(rows, OURS)
    (results / "grouping.md").write_text(table + "\n\nTargets missed:\n" + "\n".join(f"- {m}" for m in misses)
                                         + "\n", encoding="utf-8")
    if not any(r.setting == "leave-one-domain-out" for r in rows):
        print("\n(no leave-one-domain-out rows: the held-out targets are not checked)")
    print("\nTargets missed:" if misses else "\nNo target missed in these rows.", *misses, sep="\n- ")
    if args.figures:
        for p in figures(rows, data, heads_by_domain, args.figures):
            print("figure:", p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
