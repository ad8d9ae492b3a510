"""``svsg label VIDEO [--subs FILE] [--out CSV]``: the whole pipeline without a window; writes the project CSV
(the one the app reopens: ``core/workspace.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.workspace import AUTO, DEVICES, METHOD_CHOICES
from ._common import TextProgress, add_episode_args, lines_source


def register(subparsers) -> None:
    p = subparsers.add_parser("label", help="label every line of a video with a speaker group (headless)",
                              description="Lines (subtitles, or speech segments found by VAD without them) → "
                                          "features → confidence → groups; writes the project CSV.")
    add_episode_args(p)
    p.add_argument("--out", type=Path, default=None, help="project CSV to write (default: VIDEO.svsg.csv)")
    p.add_argument("--heads", type=Path, default=None, help="grouping heads folder (default: models/heads)")
    p.add_argument("--method", choices=METHOD_CHOICES, default=AUTO,
                   help="grouping method (default: auto, the one the heads were validated best with)")
    p.add_argument("--device", choices=DEVICES, default=AUTO)
    p.add_argument("--cache", type=Path, default=None, help="feature cache folder (default: user cache)")
    p.add_argument("--library", type=Path, default=None, metavar="NPZ",
                   help="character library from earlier episodes (`svsg train --library`): names groups")
    p.add_argument("--alias", action="append", default=[], metavar="SPELLING=NAME",
                   help="declare two spellings of one character (repeatable)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing project CSV (a backup of it is kept beside it)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core import workspace
    from ..core.io.lock import ProjectLock
    from ..core.safety import check_project_output

    subs = args.subs or (None if args.vad or not args.video.is_file() else workspace.find_subtitles(args.video))
    out = check_project_output(args.out or workspace.project_path(args.video),
                               inputs=[args.video, subs, args.library], force=args.force)
    with ProjectLock(out):             # one writer: a second run on the same project is refused at once
        return _label(args, out)


def _label(args: argparse.Namespace, out: Path) -> int:
    from ..core import workspace
    from ..core.errors import InputError
    from ..core.grouping.heads import Heads
    from ..core.preflight import empty_result
    from ..core.safety import backup_project

    heads = Heads.load(args.heads)
    library = None
    if args.library:
        from ..core.grouping.library import CharacterLibrary
        library = CharacterLibrary.load(args.library)
        for a in args.alias:
            spelling, sep, name = a.partition("=")
            if not sep or not spelling.strip() or not name.strip():
                raise InputError(f"--alias needs SPELLING=NAME, got {a!r}", code="bad_alias")
            library.aliases[spelling.strip()] = name.strip()
    done = workspace.label(args.video, args.subs, beside=not args.vad, heads=heads, library=library,
                           method=args.method, device=args.device, cache_dir=args.cache,
                           progress=TextProgress(quiet=args.quiet))
    problem = empty_result(done.project)
    if problem:                        # nothing useful: say why, exit non-zero, write nothing
        raise InputError(problem, path=str(args.video), code="nothing_labeled")
    backup = backup_project(out)
    workspace.save(done.project, out)
    if backup is not None:
        print(f"kept a backup of the previous project: {backup}")
    print(f"{len(done.project)} lines ({lines_source(done.project)}), {workspace.group_count(done.project)} groups "
          f"→ {out}")
    return 0
