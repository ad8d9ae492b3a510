"""Progress reporting and cancellation for long jobs (plain functions; the Qt layer runs them in a QThread).

A job takes ``progress: ProgressFn`` (fraction 0..1, stage text) and ``cancel: threading.Event``; it calls
:func:`check_cancel` between steps and raises :class:`~svsg_desktop.core.errors.Cancelled`.
"""

from __future__ import annotations

import threading
from typing import Callable

from .errors import Cancelled

ProgressFn = Callable[[float, str], None]


def no_progress(fraction: float, stage: str) -> None:  # noqa: ARG001 - the default sink
    return None


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


class SubProgress:
    """Maps a sub-job's 0..1 onto ``[lo, hi]`` of a parent progress, keeping the stage text."""

    def __init__(self, parent: ProgressFn, lo: float, hi: float) -> None:
        self.parent, self.lo, self.hi = parent, lo, hi

    def __call__(self, fraction: float, stage: str) -> None:
        f = min(1.0, max(0.0, fraction))
        self.parent(self.lo + (self.hi - self.lo) * f, stage)
