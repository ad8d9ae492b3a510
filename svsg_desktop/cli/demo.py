"""``svsg demo …``: synthetic demo episodes. ``svsg demo make OUT_DIR`` writes one (mp4 + SRT + ASS + truth CSV).

Structure: a ``demo`` parser with its own sub-parsers; each action registers itself in :func:`register` through a
small ``_add_*`` function, so another action (e.g. ``run``) is one more function and one more line there."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import TextProgress
from ._demo_run import add_run


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="synthetic demo episodes with ground truth",
                                   description="Synthetic multi-speaker demo episodes with ground truth.")
    actions = parser.add_subparsers(dest="demo_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])
    _add_make(actions)
    add_run(actions)


def _add_make(actions) -> None:
    p = actions.add_parser("make", help="generate an episode: mp4 (H.264+AAC), SRT, ASS, truth CSV",
                           description="Generate a deterministic synthetic episode (needs espeak-ng).")
    p.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="folder to write into (created if missing)")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed → same episode; default 0)")
    p.add_argument("--minutes", type=float, default=1.0, help="length in minutes (default 1)")
    p.add_argument("--speakers", type=int, default=4, help="number of characters (2-12, default 4)")
    p.add_argument("--lines", type=int, default=None, help="dialogue lines (default 16 per minute)")
    p.add_argument("--width", type=int, default=640, help="video width (even, default 640)")
    p.add_argument("--height", type=int, default=360, help="video height (even, default 360)")
    p.add_argument("--fps", type=int, default=12, help="frames per second (default 12)")
    p.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="normal",
                   help="voice similarity, music level and short-line ratio (default normal)")
    p.add_argument("--name", default="episode", help="file name stem (default 'episode')")
    p.add_argument("--preset", default="ultrafast",
                   choices=("ultrafast", "superfast", "veryfast", "faster", "fast", "medium"),
                   help="libx264 preset: speed against file size (default ultrafast)")
    p.add_argument("--gop", type=int, default=250, help="longest keyframe interval in frames (default 250)")
    p.add_argument("--no-scenecut", action="store_true",
                   help="no extra keyframes at shot changes: strictly --gop spaced (worst case for seeking)")
    p.add_argument("--prebuilt", action="store_true",
                   help="make the prebuilt demo of resources/demo (fixed settings; other options ignored)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=_run_make)


def _run_make(args: argparse.Namespace) -> int:
    from ..core.demo import make_episode
    from ..core.demo.prebuilt import PREBUILT

    if args.prebuilt:
        kwargs = dict(PREBUILT)
    else:
        kwargs = dict(seed=args.seed, minutes=args.minutes, n_speakers=args.speakers, n_lines=args.lines,
                      width=args.width, height=args.height, fps=args.fps, difficulty=args.difficulty,
                      name=args.name, preset=args.preset, gop=args.gop, scenecut=not args.no_scenecut)
    ep = make_episode(args.out_dir, progress=TextProgress(quiet=args.quiet), **kwargs)
    n_dialogue = sum(1 for ln in ep.lines if ln.speaker)
    print(f"wrote {ep.video} ({ep.width}x{ep.height}, {ep.fps} fps, {ep.duration_s:.0f} s, H.264 + AAC)")
    print(f"wrote {ep.srt}")
    print(f"wrote {ep.ass}")
    print(f"wrote {ep.truth_csv} ({len(ep.lines)} lines: {n_dialogue} dialogue + "
          f"{len(ep.lines) - n_dialogue} sign; speakers: {', '.join(ep.speakers)})")
    print(f"seed {ep.seed}, difficulty {ep.difficulty}, made in {ep.seconds:.1f} s")
    return 0
