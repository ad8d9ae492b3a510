"""``svsg clips PROJECT.csv --video V --out DIR``: per-speaker 16 kHz wav clips + ``list.txt``
(``path|speaker|language|text``) for voice-cloning tools."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import TextProgress, check_media


def register(subparsers) -> None:
    p = subparsers.add_parser("clips", help="export labeled lines as a per-speaker wav clip dataset")
    p.add_argument("project", type=Path, metavar="PROJECT.csv", help="project CSV or labeled CSV")
    p.add_argument("--video", type=Path, required=True, help="the episode's video (or audio) file")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--language", default=None, help="language code for every line (default: guessed per line "
                                                     "from the script: EN/JA/ZH/KO)")
    p.add_argument("--frames", action="store_true", help="also save each line's midpoint frame (.jpg)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.io.clips import export_clips
    from ..core.io import load_project

    project = load_project(args.project)
    check_media(args.video)
    n, skipped = export_clips(args.video, project, args.out, language=args.language, frames=args.frames,
                              progress=TextProgress(quiet=args.quiet))
    speakers = sorted({p.parent.name for p in args.out.glob("*/*.wav")})
    print(f"{n} clips of {len(speakers)} speakers → {args.out / 'list.txt'} ({len(skipped)} lines skipped)")
    return 0
