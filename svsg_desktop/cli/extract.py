"""``svsg extract VIDEO [--subs FILE] [--out FEATURES.npz]``: per-line voice + image embeddings and stats."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ._common import TextProgress


def register(subparsers) -> None:
    p = subparsers.add_parser("extract", help="compute per-line voice/image features of a video (.npz)",
                              description="Lines come from the subtitle file, or from voice activity detection "
                                          "when none is given. Results are cached per line.")
    p.add_argument("video", type=Path, metavar="VIDEO")
    p.add_argument("--subs", type=Path, default=None, help="subtitle file (SRT, ASS, VTT, labeled CSV)")
    p.add_argument("--out", type=Path, default=None, help="features file (default: VIDEO.features.npz)")
    p.add_argument("--cache", type=Path, default=None, help="feature cache folder (default: user cache)")
    p.add_argument("--no-cache", action="store_true", help="compute everything, write no cache")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def load_lines(video: Path, subs: Path | None, progress):
    if subs is not None:
        from ..core.io import load_subtitles

        imp = load_subtitles(subs)
        for w in imp.warnings:
            print(f"warning: {w}")
        return imp.lines
    from ..core.features import vad_lines

    return vad_lines(video, progress=progress)


def run(args: argparse.Namespace) -> int:
    from ..core.features import extract_features
    from ..core.features.cache import default_cache_dir

    progress = TextProgress(quiet=args.quiet)
    t0 = time.monotonic()
    lines = load_lines(args.video, args.subs, progress)
    cache = None if args.no_cache else (args.cache or default_cache_dir())
    fs = extract_features(args.video, lines, cache_dir=cache, device=args.device, progress=progress)
    out = args.out or args.video.with_name(args.video.name + ".features.npz")
    fs.save(out)
    print(f"{len(fs)} lines ({'subtitles' if args.subs else 'voice activity'}): voice {int(fs.valid_voice.sum())} "
          f"({fs.voice_model}, {fs.voice.shape[1]}-d), image {int(fs.valid_image.sum())} ({fs.image_model}, "
          f"{fs.image.shape[1]}-d), provider {fs.provider}, {time.monotonic() - t0:.1f} s → {out}")
    for lid, why in list(fs.problems.items())[:20]:
        print(f"  {lid}: {why}")
    if len(fs.problems) > 20:
        print(f"  … {len(fs.problems) - 20} more lines with problems")
    return 0
