"""``svsg import SUBS_OR_CSV --out PROJECT.csv [--video V]``: subtitles or a labeled CSV → a new project CSV.

Prints the format and encoding found, line counts and every warning (overlaps, cues past the end of the video…).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="read subtitles (SRT/ASS/SSA/VTT) or a labeled CSV into a new project CSV",
        description="Read subtitles (SRT, ASS/SSA, WebVTT), a labeled CSV (Chat-Haruhi 人物,人物台词,开始时间,结束时间 "
                    "or start,end,speaker,text) or an RTTM file, and write a project CSV. Speaker labels found in "
                    "the input (ASS Name, 'NAME:' prefixes, VTT <v NAME>, CSV speaker column) become named groups.")
    p.add_argument("source", metavar="SUBS_OR_CSV", type=Path, help="subtitle file, labeled CSV or RTTM")
    p.add_argument("--out", "-o", type=Path, required=True, metavar="PROJECT.csv", help="project CSV to write")
    p.add_argument("--video", type=Path, default=None, help="the episode's video (checked against cue times)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing project CSV (a backup of it is kept beside it)")
    p.set_defaults(func=run)


def video_duration_ms(video: Path) -> int | None:
    from ..core.preflight import probe_media

    return probe_media(video).duration_ms      # an empty or damaged file is reported in plain words


def run(args: argparse.Namespace) -> int:
    from ..core.io import check_against_duration, load_subtitles, save_project
    from ..core.safety import backup_project, check_project_output

    check_project_output(args.out, inputs=[args.source, args.video], force=args.force)
    imp = load_subtitles(args.source.absolute())     # absolute paths: the project may be used from elsewhere
    warnings = list(imp.warnings)
    video = None
    if args.video is not None:
        video = str(args.video.absolute())
        duration = video_duration_ms(args.video)
        if duration is None:
            warnings.append("the video's length is unknown: cue times not checked against it")
        else:
            warnings.extend(check_against_duration(imp.lines, duration))
    project = imp.to_project(video=video)
    backup = backup_project(args.out)
    save_project(project, args.out)
    if backup is not None:
        print(f"backup:    the previous project was kept as {backup}")
    c = imp.counts()
    print(f"format:    {imp.format}")
    print(f"encoding:  {imp.encoding}")
    print(f"lines:     {c['lines']} ({c['dialogue']} dialogue, {c['non_dialogue']} non-dialogue: signs, songs, "
          f"credits)")
    print(f"labeled:   {c['labeled']} line(s), {c['speakers']} speaker(s) → {len(project.clusters)} named group(s)")
    if imp.extra_columns:
        print(f"columns:   extra {', '.join(imp.extra_columns)} (kept in the import, not in the project)")
    for w in warnings:
        print(f"warning:   {w}")
    print(f"wrote {args.out}")
    return 0
