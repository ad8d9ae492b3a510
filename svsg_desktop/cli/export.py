"""``svsg export PROJECT.csv --format FMT --out PATH``: write a project as subtitles, Chat-Haruhi files or RTTM."""

from __future__ import annotations

import argparse
from pathlib import Path

FORMAT_HELP = {
    "csv": "project CSV (a copy)", "haruhi-csv": "Chat-Haruhi CSV 人物,人物台词,开始时间,结束时间",
    "haruhi-txt": "Chat-Haruhi script, one 'name:「text」' per line", "ass": "ASS with the Name field "
    "(original styles and tags kept when the project came from an ASS file)", "srt": "SRT with 'NAME: ' prefixes",
    "vtt": "WebVTT with <v NAME> voice tags", "rttm": "RTTM speaker turns (diarization scoring)",
}


def register(subparsers) -> None:
    from ..core.io.exports import EXPORT_FORMATS

    p = subparsers.add_parser(
        "export", help="write a project as ASS/SRT/VTT, Chat-Haruhi CSV/TXT, RTTM or CSV",
        description="Export a project. Formats:\n" + "\n".join(f"  {k:11s} {v}" for k, v in FORMAT_HELP.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project", metavar="PROJECT.csv", type=Path, help="project CSV")
    p.add_argument("--format", "-f", dest="fmt", required=True, choices=EXPORT_FORMATS, help="output format")
    p.add_argument("--out", "-o", type=Path, default=None,
                   help="file to write (default: beside the project, e.g. NAME.speakers.ass; never the project "
                        "or its source subtitles)")
    p.add_argument("--force", action="store_true", help="replace an existing file (never a source or the project)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.io import export_project, load_project
    from ..core.safety import check_output, default_export_path, project_files

    project = load_project(args.project)
    out = check_output(args.out or default_export_path(args.project, args.fmt), force=args.force, what="export",
                       inputs=[*project_files(args.project), project.video, project.subtitles])
    n = export_project(project, out, args.fmt)
    print(f"wrote {n} line(s) to {out} ({args.fmt})")
    return 0
