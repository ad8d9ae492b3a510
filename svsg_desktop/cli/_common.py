"""Helpers shared by CLI sub-commands: a plain-text progress bar that works in any terminal and in logs."""

from __future__ import annotations

import sys
import time


class TextProgress:
    """``progress(fraction, stage)`` sink printing one updating line on a TTY, or a line per stage otherwise."""

    def __init__(self, stream=None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.t0 = time.monotonic()
        self.last_stage = None
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, fraction: float, stage: str) -> None:
        if self.quiet:
            return
        pct = int(round(100 * max(0.0, min(1.0, fraction))))
        elapsed = time.monotonic() - self.t0
        if self.tty:
            bar = "#" * (pct // 4)
            self.stream.write(f"\r[{bar:<25}] {pct:3d}% {elapsed:6.1f}s {stage[:40]:<40}")
            if fraction >= 1.0:
                self.stream.write("\n")
            self.stream.flush()
        elif stage != self.last_stage:
            self.stream.write(f"[{pct:3d}%] {elapsed:6.1f}s {stage}\n")
            self.stream.flush()
        self.last_stage = stage


def check_media(video) -> None:
    """Refuse an empty or damaged media file in plain words before any work (FFmpeg's own text goes to the log):
    the same check ``svsg label`` and ``svsg import`` make (core/preflight.py)."""
    from pathlib import Path

    from ..core.preflight import probe_media

    if Path(video).is_file():
        probe_media(video)


def add_episode_args(p) -> None:
    """VIDEO, ``--subs`` and ``--vad``: an episode's lines as the workspace finds them (core/workspace.py)."""
    from pathlib import Path

    p.add_argument("video", type=Path, metavar="VIDEO")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--subs", type=Path, default=None,
                     help="subtitle file (SRT, ASS, VTT, labeled CSV; default: the one beside VIDEO, by name)")
    src.add_argument("--vad", action="store_true",
                     help="ignore subtitles beside VIDEO: lines are the speech found by voice activity detection")


def lines_source(project) -> str:
    """Where a project's lines came from, for the summary line."""
    from pathlib import Path

    return f"lines from {Path(project.subtitles).name}" if project.subtitles else "lines from voice activity"
