"""Writes the project CSV off the UI thread, right after every edit.

The controller hands over a snapshot (lines are immutable records, so a snapshot is a few dict copies) and returns
at once; one writer thread writes it atomically with the IO layer's ``save_project``. The writer starts once edits
have paused for ``QUIET_S`` (at most ``MAX_DELAY_S`` after the first unsaved edit): serialising a 5,000-line CSV
is pure Python and would otherwise compete for the GIL with the UI thread while it redraws after the edit. When
edits come faster than writes, only the newest snapshot is written (each file on disk is a complete, consistent
project). ``flush()`` writes at once and waits for the file to match the latest edit. A crash while the writer
waits loses nothing: each edit is already in the core's edit journal, replayed when the project is opened.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from ..core.project import Project
from .compat import emit

log = logging.getLogger(__name__)

QUIET_S = 0.15
MAX_DELAY_S = 1.0


def snapshot(project: Project) -> Project:
    return project.copy()


class ProjectWriter(QObject):
    saved = Signal(str)        # emitted in the UI thread (queued) after a successful write
    failed = Signal(str)

    def __init__(self, write: Callable[[Project, Path], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self._cond = threading.Condition()
        self._pending: tuple[Project, Path, int] | None = None
        self._requested = 0      # number of the newest snapshot handed over
        self._done = 0           # number of the newest snapshot on disk (or failed)
        self._first_unsaved = 0.0
        self._last_submit = 0.0
        self._hurry = False
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="svsg-project-writer", daemon=True)
        self._thread.start()

    def submit(self, project: Project, path: Path) -> None:
        snap = snapshot(project)
        now = time.monotonic()
        with self._cond:
            if self._pending is None:
                self._first_unsaved = now
            self._last_submit = now
            self._requested += 1
            self._pending = (snap, Path(path), self._requested)   # replaces an older, not yet started one
            self._cond.notify_all()

    def flush(self, timeout: float = 30.0) -> bool:
        """Write now and wait until the newest snapshot has been written (or failed). True when up to date."""
        with self._cond:
            self._hurry = True
            self._cond.notify_all()
            ok = self._cond.wait_for(lambda: self._done >= self._requested, timeout)
            self._hurry = False
            return ok

    def _due(self) -> float:
        """Seconds until the pending snapshot should be written (0: now)."""
        if self._hurry or self._stop:
            return 0.0
        now = time.monotonic()
        return max(0.0, min(self._last_submit + QUIET_S, self._first_unsaved + MAX_DELAY_S) - now)

    def close(self, timeout: float = 30.0) -> bool:
        ok = self.flush(timeout)
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return ok

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._stop)
                if self._pending is None and self._stop:
                    return
                while self._pending is not None and self._due() > 0:
                    self._cond.wait(self._due())
                snap, path, number = self._pending
                self._pending = None
            try:
                self._write(snap, path)
            except Exception as exc:  # noqa: BLE001 - reported to the UI; the next edit tries again
                msg = f"could not save {path}: {exc}"
                log.error(msg)
                emit(self.failed, msg)
            else:
                emit(self.saved, str(path))
            with self._cond:
                self._done = max(self._done, number)
                self._cond.notify_all()
