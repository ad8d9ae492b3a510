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
