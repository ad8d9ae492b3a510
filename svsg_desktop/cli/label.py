"""``svsg label VIDEO [--subs FILE] [--out CSV]``: the whole pipeline without a window; writes the project CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import TextProgress


def register(subparsers) -> None:
    p = subparsers.add_parser("label", help="label every line of a video with a speaker group (headless)",
                              description="Lines (subtitles, or speech segments found by VAD without them) → "
                                          "features → confidence → groups; writes the project CSV.")
    p.add_argument("video", type=Path, metavar="VIDEO")
    p.add_argument("--subs", type=Path, default=None, help="subtitle file (SRT, ASS, VTT, labeled CSV)")
    p.add_argument("--out", type=Path, default=None, help="project CSV to write (default: VIDEO.svsg.csv)")
    p.add_argument("--heads", type=Path, default=None, help="grouping heads folder (default: models/heads)")
    p.add_argument("--method", choices=("adaptive", "voice", "voice+image", "mlp"), default=None,
                   help="grouping method (default: the one the heads were validated best with)")
    p.add_argument("--cache", type=Path, default=None, help="feature cache folder")
    p.add_argument("--library", type=Path, default=None, metavar="NPZ",
                   help="character library from earlier episodes (`svsg train --library`): names groups")
    p.add_argument("--alias", action="append", default=[], metavar="SPELLING=NAME",
                   help="declare two spellings of one character (repeatable)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.grouping.heads import Heads
    from ..core.io.project_csv import save_project
    from ..core.pipeline import label_episode

    heads = Heads.load(args.heads)
    library = None
    if args.library:
        from ..core.errors import InputError
        from ..core.grouping.library import CharacterLibrary
        library = CharacterLibrary.load(args.library)
        for a in args.alias:
            spelling, sep, name = a.partition("=")
            if not sep or not spelling.strip() or not name.strip():
                raise InputError(f"--alias needs SPELLING=NAME, got {a!r}", code="bad_alias")
            library.aliases[spelling.strip()] = name.strip()
    project = label_episode(args.video, args.subs, heads=heads, library=library, method=args.method,
                            cache_dir=args.cache, progress=TextProgress(quiet=args.quiet))
    out = args.out or args.video.with_name(args.video.name + ".svsg.csv")
    save_project(project, out)
    groups = {ln.cluster for ln in project.lines.values() if ln.cluster is not None}
    print(f"{len(project)} lines, {len(groups)} groups → {out}")
    return 0
