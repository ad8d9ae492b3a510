"""Writes the project CSV off the UI thread, right after every edit.

The controller hands over a snapshot (lines are immutable records, so a snapshot is a few dict copies) and returns
at once; one writer thread writes it atomically with the IO layer's ``save_project``. When edits come faster than
writes, only the newest snapshot is written (each file on disk is a complete, consistent project). ``flush()``
waits for the file to match the latest edit (before quitting, before reading the file back).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from ..core.project import Cluster, Project
from .compat import emit

log = logging.getLogger(__name__)


def snapshot(project: Project) -> Project:
    return Project(lines=dict(project.lines), clusters={c.id: Cluster(c.id, c.name) for c in project.clusters.values()},
                   video=project.video, subtitles=project.subtitles,
                   corrections=[dict(d) for d in project.corrections], order=list(project.order))


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
        self._busy = False
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="svsg-project-writer", daemon=True)
        self._thread.start()

    def submit(self, project: Project, path: Path) -> None:
        snap = snapshot(project)
        with self._cond:
            self._requested += 1
            self._pending = (snap, Path(path), self._requested)   # replaces an older, not yet started one
            self._cond.notify_all()

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until the newest snapshot has been written (or failed). True when up to date."""
        with self._cond:
            return self._cond.wait_for(lambda: self._done >= self._requested, timeout)

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
