"""``svsg train``: fit the grouping heads (confidence models, merge MLP, calibrated thresholds) on labeled
episodes and write them, with a model card, to ``models/heads/`` (or ``--out``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import paths
from ._common import TextProgress


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "train", help="train the grouping heads on labeled episodes",
        description="Train the confidence heads and the merge MLP on labeled episode folders (each: one video + "
                    "a labeled CSV such as *_truth.csv from `svsg demo make`), calibrate thresholds, write ONNX "
                    "files + heads.json + MODEL_CARD.md + heads.sha256 (checked whenever the heads are loaded). "
                    "Validation episodes are only measured (and choose the default method), never fitted.")
    p.add_argument("train", nargs="+", type=Path, metavar="EPISODE_DIR", help="training episode folders")
    p.add_argument("--val", nargs="*", type=Path, default=[], metavar="EPISODE_DIR",
                   help="held-out validation episode folders (for the model card's held-out metrics)")
    p.add_argument("--out", type=Path, default=None, help="heads folder (default: models/heads)")
    p.add_argument("--cache", type=Path, default=paths.cache_dir(),
                   help="feature cache folder (default: user cache)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--search-trials", type=int, default=150,
                   help="random threshold configurations tried per method before refinement (default 150)")
    p.add_argument("--voice-projection-dim", type=int, default=32, metavar="DIM",
                   help="learn a speaker-discriminative (LDA) voice projection to DIM dimensions on the training "
                        "episodes and group in that space (default 32; 0 = use the raw voice embeddings)")
    p.add_argument("--library", type=Path, default=None, metavar="NPZ",
                   help="also write a character library (names from the training episodes) for `svsg label`")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.training.episodes import load_labeled_episode
    from ..core.grouping.heads import default_heads_dir
    from ..core.training.trainer import train_heads
    from ..core.progress import SubProgress

    progress = TextProgress(quiet=args.quiet)
    dirs = list(args.train) + list(args.val)
    eps = [load_labeled_episode(d, cache_dir=args.cache, progress=SubProgress(progress, k / len(dirs) * 0.4,
                                                                            (k + 1) / len(dirs) * 0.4))
           for k, d in enumerate(dirs)]
    train, val = eps[:len(args.train)], eps[len(args.train):]
    out = args.out or default_heads_dir()
    meta = train_heads(train, val, out, seed=args.seed, calibration_trials=args.search_trials,
                       projection_dim=args.voice_projection_dim,
                       progress=SubProgress(progress, 0.4, 1.0))
    print((out / "MODEL_CARD.md").read_text(encoding="utf-8"))
    print(f"heads written to {out} in {meta['train_seconds']} s")
    if args.library:
        from ..core.grouping.library import CharacterLibrary
        lib = CharacterLibrary.build(train)
        lib.save(args.library)
        print(f"character library: {len(lib.names)} lines, {len(set(lib.names))} names → {args.library}")
    return 0
