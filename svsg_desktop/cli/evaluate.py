"""``svsg evaluate``: every grouping method on held-out labeled episodes, one table (and pictures with --plots)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import paths
from ._common import TextProgress


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate", help="compare grouping methods on held-out labeled episodes",
        description="Print one table: the original baseline (average linkage, cosine, voice, cut 0.3), the same "
                    "with its cut tuned on --train episodes, seed-label 3-NN, and ours (voice; voice + image; + "
                    "merge MLP). Train/test split by episode: nothing is tuned on the test episodes.")
    p.add_argument("test", nargs="+", type=Path, metavar="EPISODE_DIR", help="test episode folders")
    p.add_argument("--train", nargs="*", type=Path, default=[], metavar="EPISODE_DIR",
                   help="training episode folders (only used to tune the baseline's cut)")
    p.add_argument("--heads", type=Path, default=None, help="heads folder (default: models/heads)")
    p.add_argument("--seed-lines", type=int, default=3, help="labeled lines per character for seed-label 3-NN")
    p.add_argument("--cache", type=Path, default=paths.cache_dir(),
                   help="feature cache folder (default: user cache)")
    p.add_argument("--plots", type=Path, default=None, metavar="DIR", help="write matplotlib PNGs here")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.training.episodes import load_labeled_episode
    from ..core.training.evaluation import evaluate, format_table
    from ..core.grouping.heads import Heads
    from ..core.progress import SubProgress

    progress = TextProgress(quiet=args.quiet)
    overlap = {p.resolve() for p in args.test} & {p.resolve() for p in args.train}
    if overlap:
        print(f"svsg: error: episodes both in --train and test: {', '.join(map(str, sorted(overlap)))}")
        return 2
    dirs = list(args.train) + list(args.test)
    eps = [load_labeled_episode(d, cache_dir=args.cache, progress=SubProgress(progress, k / len(dirs) * 0.5,
                                                                            (k + 1) / len(dirs) * 0.5))
           for k, d in enumerate(dirs)]
    train, test = eps[:len(args.train)], eps[len(args.train):]
    heads = Heads.load(args.heads)
    used = set(heads.meta.get("training_episodes", [])) | set(heads.meta.get("validation_episodes", []))
    leaked = sorted(used & {ep.name for ep in test})
    if leaked:
        print(f"warning: test episodes the heads were trained or validated on: {', '.join(leaked)}")
    rows, info = evaluate(train, test, heads, k_seed=args.seed_lines, seed=args.seed,
                          progress=SubProgress(progress, 0.5, 0.95))
    n = sum(len(ep.inputs) for ep in test)
    labeled = sum(int((ep.labels != "").sum()) for ep in test)
    print(f"{len(test)} test episode(s), {n} lines ({labeled} labeled); {len(train)} training episode(s); "
          f"heads: {heads.folder} ({heads.meta['voice_model']} + {heads.meta['image_model']})")
    print(format_table(rows))
    if args.plots:
        from ..core.training.plots import write_plots
        paths = write_plots(args.plots, test, heads, info)
        print("plots: " + ", ".join(str(p) for p in paths))
    return 0
