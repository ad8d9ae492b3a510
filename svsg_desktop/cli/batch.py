"""``svsg batch FOLDER``: features for a whole season. Videos are paired with subtitles by name (the workspace's
season, as the app lists it); finished episodes
are skipped (resumable); a broken episode is reported and the rest continue."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..core.workspace import AUTO, DEVICES
from ._common import TextProgress, check_media



def register(subparsers) -> None:
    p = subparsers.add_parser("batch", help="extract features for every video of a folder (resumable)")
    p.add_argument("folder", type=Path, metavar="FOLDER")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: FOLDER/features)")
    p.add_argument("--cache", type=Path, default=None, help="feature cache folder (default: user cache)")
    p.add_argument("--device", choices=DEVICES, default=AUTO)
    p.add_argument("--force", action="store_true", help="redo episodes that are already done")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def _done(out: Path, video: Path, subs: Path | None) -> bool:
    if not out.is_file():
        return False
    newest = max(video.stat().st_mtime, subs.stat().st_mtime if subs else 0)
    return out.stat().st_mtime >= newest


def run(args: argparse.Namespace) -> int:
    from ..core import paths, workspace
    from ..core.errors import Cancelled, SvsgError
    from ..core.features import extract_features
    from .extract import print_warnings

    if not args.folder.is_dir():
        print(f"svsg: error: {args.folder}: not a folder", file=sys.stderr)
        return 1
    out_dir = args.out or args.folder / "features"
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = [(ep.video, ep.subtitles) for ep in workspace.season(args.folder)]
    if not pairs:
        print(f"no videos in {args.folder}")
        return 1
    failed, done, skipped = [], 0, 0
    for n, (video, subs) in enumerate(pairs, 1):
        out = out_dir / f"{video.stem}.npz"
        head = f"[{n}/{len(pairs)}] {video.name}" + (f" + {subs.name}" if subs else " (no subtitles: VAD)")
        if not args.force and _done(out, video, subs):
            print(f"{head}: already done")
            skipped += 1
            continue
        print(head)
        t0 = time.monotonic()
        try:
            progress = TextProgress(quiet=args.quiet)
            check_media(video)
            got = workspace.episode_lines(video, subs, progress=progress)
            print_warnings(got.warnings)
            fs = extract_features(video, got.lines, cache_dir=args.cache or paths.cache_dir(), device=args.device,
                                  progress=progress)
            fs.save(out)
            done += 1
            print(f"    {len(fs)} lines, {len(fs.problems)} with problems, {time.monotonic() - t0:.1f} s → {out}")
        except Cancelled:
            raise
        except (SvsgError, OSError) as exc:
            failed.append((video.name, str(exc)))
            print(f"    FAILED: {exc}", file=sys.stderr)
    print(f"done {done}, already done {skipped}, failed {len(failed)} of {len(pairs)} episodes")
    for name, why in failed:
        print(f"  {name}: {why}", file=sys.stderr)
    return 1 if failed else 0
