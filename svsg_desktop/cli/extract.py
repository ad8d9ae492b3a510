"""``svsg extract VIDEO [--subs FILE] [--out FEATURES.npz]``: per-line voice + image embeddings and stats."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..core.workspace import AUTO, DEVICES
from ._common import TextProgress, add_episode_args, check_media


def register(subparsers) -> None:
    p = subparsers.add_parser("extract", help="compute per-line voice/image features of a video (.npz)",
                              description="Lines come from the subtitle file (given, or beside the video by name), "
                                          "or from voice activity detection when there is none. Results are "
                                          "cached per line.")
    add_episode_args(p)
    p.add_argument("--out", type=Path, default=None, help="features file (default: VIDEO.features.npz)")
    p.add_argument("--cache", type=Path, default=None, help="feature cache folder (default: user cache)")
    p.add_argument("--no-cache", action="store_true", help="compute everything, write no cache")
    p.add_argument("--device", choices=DEVICES, default=AUTO)
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def print_warnings(warnings) -> None:
    for w in warnings:
        print(f"warning: {w}")


def run(args: argparse.Namespace) -> int:
    from ..core import paths, workspace
    from ..core.features import extract_features

    progress = TextProgress(quiet=args.quiet)
    t0 = time.monotonic()
    check_media(args.video)
    got = workspace.episode_lines(args.video, args.subs, beside=not args.vad, progress=progress)
    print_warnings(got.warnings)
    cache = None if args.no_cache else (args.cache or paths.cache_dir())
    fs = extract_features(args.video, got.lines, cache_dir=cache, device=args.device, progress=progress)
    out = args.out or args.video.with_name(args.video.name + ".features.npz")
    fs.save(out)
    source = f"subtitles {got.subtitles.name}" if got.subtitles else "voice activity"
    print(f"{len(fs)} lines ({source}): voice {int(fs.valid_voice.sum())} "
          f"({fs.voice_model}, {fs.voice.shape[1]}-d), image {int(fs.valid_image.sum())} ({fs.image_model}, "
          f"{fs.image.shape[1]}-d), provider {fs.provider}, {time.monotonic() - t0:.1f} s → {out}")
    for lid, why in list(fs.problems.items())[:20]:
        print(f"  {lid}: {why}")
    if len(fs.problems) > 20:
        print(f"  … {len(fs.problems) - 20} more lines with problems")
    return 0
