"""``svsg batch FOLDER``: features for a whole season. Videos are paired with subtitles by name; finished episodes
are skipped (resumable); a broken episode is reported and the rest continue."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ._common import TextProgress

VIDEO_EXT = (".mp4", ".mkv", ".avi", ".mov", ".webm", ".m4v", ".ts", ".flv")
SUB_EXT = (".ass", ".ssa", ".srt", ".vtt", ".csv")


def register(subparsers) -> None:
    p = subparsers.add_parser("batch", help="extract features for every video of a folder (resumable)")
    p.add_argument("folder", type=Path, metavar="FOLDER")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: FOLDER/features)")
    p.add_argument("--cache", type=Path, default=None, help="feature cache folder (default: user cache)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--force", action="store_true", help="redo episodes that are already done")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def pair_subtitles(folder: Path) -> list[tuple[Path, Path | None]]:
    """Each video with the subtitle file of the same name (``ep01.mkv`` ↔ ``ep01.ass`` / ``ep01.zh.srt``)."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    videos = [p for p in files if p.suffix.lower() in VIDEO_EXT]
    subs = [p for p in files if p.suffix.lower() in SUB_EXT and not p.name.endswith(".svsg.csv")]
    pairs = []
    for v in videos:
        exact = [s for s in subs if s.stem == v.stem]
        loose = [s for s in subs if s.stem.startswith(v.stem + ".")]
        cands = sorted(exact or loose, key=lambda s: SUB_EXT.index(s.suffix.lower()))
        pairs.append((v, cands[0] if cands else None))
    return pairs


def _done(out: Path, video: Path, subs: Path | None) -> bool:
    if not out.is_file():
        return False
    newest = max(video.stat().st_mtime, subs.stat().st_mtime if subs else 0)
    return out.stat().st_mtime >= newest


def run(args: argparse.Namespace) -> int:
    from ..core.errors import Cancelled, SvsgError
    from ..core.features import extract_features
    from ..core.features.cache import default_cache_dir
    from .extract import load_lines

    if not args.folder.is_dir():
        print(f"svsg: error: {args.folder}: not a folder", file=sys.stderr)
        return 1
    out_dir = args.out or args.folder / "features"
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = pair_subtitles(args.folder)
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
            lines = load_lines(video, subs, progress)
            fs = extract_features(video, lines, cache_dir=args.cache or default_cache_dir(), device=args.device,
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
