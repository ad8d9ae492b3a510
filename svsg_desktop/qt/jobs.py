"""The job runner: a plain core function ``fn(..., progress=, cancel=)`` run on a worker object moved to a
``QThread``. One job at a time; starting another cancels the running one and runs the new one after it ends
(results of a superseded job are dropped). Never ``terminate()``: cancel sets the event the job polls.
Each job may carry its own completion callback (``on_finished``, called in the UI thread with the job's result),
so the window never has to guess which job a result came from.

Python owns both the worker and the thread (no ``deleteLater``: racing it against Python's ownership crashed,
see docs/platform.md); references are dropped when the thread has finished.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot


from .compat import emit
from ..core.errors import Cancelled

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05   # at most ~20 progress signals a second reach the UI thread


class _Worker(QObject):
    progress = Signal(float, str)
    done = Signal(str, object)     # outcome ("finished" | "failed" | "cancelled"), payload

    def __init__(self, fn: Callable, args: tuple, kwargs: dict, cancel: threading.Event) -> None:
        super().__init__()
        self._fn, self._args, self._kwargs, self._cancel = fn, args, kwargs, cancel
        self._last = 0.0
        self._last_stage = None

    def _report(self, fraction: float, stage: str) -> None:
        now = time.monotonic()
        if stage != self._last_stage or fraction >= 1.0 or now - self._last >= PROGRESS_INTERVAL_S:
            self._last, self._last_stage = now, stage
            emit(self.progress, float(fraction), str(stage))

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(*self._args, progress=self._report, cancel=self._cancel, **self._kwargs)
            outcome, payload = "finished", result
        except Cancelled as exc:
            outcome, payload = "cancelled", exc
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the UI, never lost
            log.exception("job failed")
            outcome, payload = "failed", exc
        # hand the worker back to the UI thread before this thread ends, so that Python can drop it safely there
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        emit(self.done, outcome, payload)


@dataclass
class _Job:
    number: int
    name: str
    fn: Callable
    args: tuple
    kwargs: dict
    cancel: threading.Event = field(default_factory=threading.Event)
    started: float = 0.0
    superseded: bool = False
    on_finished: Callable[[Any], None] | None = None


class JobRunner(QObject):
    """Signals are emitted in the UI thread. ``progress`` = (fraction, stage, seconds left or -1)."""

    started = Signal(str)
    progress = Signal(float, str, float)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._job: _Job | None = None
        self._pending: _Job | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._retired: tuple = ()
        self._outcome = None

    # -- public -------------------------------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._job is not None or self._pending is not None

    def is_running(self, fn: Callable) -> bool:
        """Whether the job under way (or the one waiting to start) runs ``fn``."""
        job = self._pending or self._job
        return job is not None and job.fn is fn

    def start(self, fn: Callable, *args: Any, name: str = "", on_finished: Callable[[Any], None] | None = None,
              **kwargs: Any) -> int:
        """Run ``fn(*args, progress=…, cancel=…, **kwargs)``; when it finishes (not cancelled, failed or
        superseded) ``on_finished(result)`` runs in the UI thread, after the ``finished`` signal. Returns the job
        number."""
        self._count += 1
        job = _Job(self._count, name or getattr(fn, "__name__", "job"), fn, args, kwargs, on_finished=on_finished)
        if self._job is not None:
            self._job.superseded = True
            self._job.cancel.set()
            if self._pending is not None:
                self._pending.superseded = True
            self._pending = job
        else:
            self._launch(job)
        return job.number

    def cancel(self) -> None:
        if self._pending is not None:
            self._pending = None
        if self._job is not None:
            self._job.cancel.set()

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Cancel and wait for the running job's thread (used when the window closes)."""
        self._pending = None
        if self._job is not None:
            self._job.cancel.set()
        deadline = time.monotonic() + timeout_ms / 1000
        while self._thread is not None and time.monotonic() < deadline:
            self._thread.wait(50)
            QCoreApplication.processEvents()
        return self._thread is None

    # -- internals ----------------------------------------------------------------------------------------------
    def _launch(self, job: _Job) -> None:
        job.started = time.monotonic()
        self._job = job
        thread = QThread()
        worker = _Worker(job.fn, job.args, job.kwargs, job.cancel)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        log.info("job %d (%s) started", job.number, job.name)
        emit(self.busyChanged, True)
        emit(self.started, job.name)
        thread.start()

    @Slot(float, str)
    def _on_progress(self, fraction: float, stage: str) -> None:
        job = self._job
        if job is None or job.superseded or job.cancel.is_set():
            return
        elapsed = time.monotonic() - job.started
        left = elapsed * (1 - fraction) / fraction if 0.02 < fraction < 1 else -1.0
        emit(self.progress, fraction, stage, left)

    @Slot(str, object)
    def _on_done(self, outcome: str, payload: object) -> None:
        job = self._job
        self._outcome = (job, outcome, payload)
        if self._thread is not None:
            self._thread.quit()

    @Slot()
    def _on_thread_finished(self) -> None:
        job, outcome, payload = self._outcome or (None, "", None)
        self._outcome = None
        # the thread has ended and the worker is back in this thread; keep them one more round rather than
        # destroying the QThread inside its own 'finished' emission
        if self._thread is not None:
            self._thread.wait()
        self._retired = (self._thread, self._worker)
        self._thread, self._worker, self._job = None, None, None
        if job is not None:
            log.info("job %d (%s) %s%s", job.number, job.name, outcome, " (superseded)" if job.superseded else "")
            if not job.superseded:
                if outcome == "finished":
                    emit(self.finished, payload)
                    if job.on_finished is not None:
                        job.on_finished(payload)
                elif outcome == "cancelled":
                    emit(self.cancelled)
                else:
                    emit(self.failed, payload)
        nxt, self._pending = self._pending, None
        if nxt is not None:
            self._launch(nxt)
        else:
            emit(self.busyChanged, False)
