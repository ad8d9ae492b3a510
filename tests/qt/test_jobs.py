"""The job runner through success, error and cancel, several times in a row; superseded results are dropped;
the UI thread stays responsive while a job runs."""

from __future__ import annotations

import time

import pytest

from svsg_desktop.core.errors import InputError
from svsg_desktop.core.progress import check_cancel, no_progress
from svsg_desktop.qt.jobs import JobRunner


def count_job(n: int, *, fail_at: int | None = None, step_s: float = 0.002, tag: str = "",
              progress=no_progress, cancel=None):
    """A plain core-style job: reports progress, polls cancel, may fail with a typed error."""
    total = 0
    for i in range(n):
        check_cancel(cancel)
        if fail_at is not None and i == fail_at:
            raise InputError("broken input", path="ep.srt", line=i)
        total += i
        time.sleep(step_s)
        progress((i + 1) / n, f"step {i}")
    return (tag, total)


def busy_job(seconds: float, *, progress=no_progress, cancel=None):
    """CPU-bound pure Python (holds the GIL as much as Python lets it), cancellable."""
    t0 = time.monotonic()
    x = 0
    while time.monotonic() - t0 < seconds:
        check_cancel(cancel)
        for i in range(20_000):
            x += i * i
        progress((time.monotonic() - t0) / seconds, "crunching")
    return x


def run_to_end(qtbot, runner, *args, **kwargs):
    with qtbot.waitSignal(runner.busyChanged, timeout=10_000, check_params_cb=lambda b: b is False):
        runner.start(*args, **kwargs)


def test_success_error_cancel_several_times(qtbot):
    runner = JobRunner()
    events = []
    runner.finished.connect(lambda r: events.append(("ok", r)))
    runner.failed.connect(lambda e: events.append(("err", type(e).__name__, str(e))))
    runner.cancelled.connect(lambda: events.append(("cancel",)))
    progress = []
    runner.progress.connect(lambda f, s, left: progress.append((f, s)))
    for round_ in range(3):
        events.clear()
        run_to_end(qtbot, runner, count_job, 10, tag=f"r{round_}")
        assert events == [("ok", (f"r{round_}", 45))]
        assert progress and progress[-1][0] == pytest.approx(1.0)
        run_to_end(qtbot, runner, count_job, 10, fail_at=3)
        assert events[-1] == ("err", "InputError", "ep.srt, line 3: broken input")
        with qtbot.waitSignal(runner.cancelled, timeout=10_000):
            runner.start(count_job, 10_000, step_s=0.001)
            qtbot.wait(30)
            runner.cancel()
        qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
        assert events[-1] == ("cancel",)
        assert len(events) == 3
    assert not runner.is_busy()


def test_superseded_job_result_is_dropped(qtbot):
    runner = JobRunner()
    results = []
    runner.finished.connect(results.append)
    runner.cancelled.connect(lambda: results.append("cancelled"))
    runner.start(count_job, 5_000, step_s=0.001, tag="old")
    qtbot.wait(20)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.start(count_job, 5, tag="new")
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    assert results == [("new", 10)]


def test_each_job_gets_its_own_completion_callback(qtbot):
    """Two kinds of job, each with its own callback: a result never reaches the other job's callback, and a
    superseded, failed or cancelled job calls none."""
    runner = JobRunner()
    got = {"a": [], "b": []}
    runner.start(count_job, 5_000, step_s=0.001, tag="old", on_finished=got["a"].append)
    qtbot.wait(20)
    run_to_end(qtbot, runner, count_job, 5, tag="new", on_finished=got["b"].append)
    assert got == {"a": [], "b": [("new", 10)]}
    run_to_end(qtbot, runner, count_job, 5, fail_at=2, on_finished=got["a"].append)
    run_to_end(qtbot, runner, count_job, 4, tag="a", on_finished=got["a"].append)
    assert got == {"a": [("a", 6)], "b": [("new", 10)]}


def test_wait_cancels_for_shutdown(qtbot):
    runner = JobRunner()
    runner.start(count_job, 100_000, step_s=0.001)
    qtbot.wait(20)
    assert runner.wait(5_000)
    assert not runner.is_busy()


def _max_gap(qtbot, seconds: float, job: bool) -> float:
    from PySide6.QtCore import QTimer

    runner = JobRunner()
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.monotonic()))
    probe.start()
    if job:
        with qtbot.waitSignal(runner.finished, timeout=20_000):
            runner.start(busy_job, seconds)
    else:
        qtbot.wait(int(seconds * 1000))
    probe.stop()
    assert len(ticks) > 10
    return max(b - a for a, b in zip(ticks, ticks[1:]))


def test_ui_stays_responsive_while_a_job_runs(qtbot):
    """A 10 ms timer probe in the UI thread: the longest gap between ticks while a GIL-heavy job runs must stay
    under 50 ms. A block caused by the runner shows in every run; a shared, overloaded machine delays the idle
    UI thread too, so each run is judged against an idle probe measured just before it (the limit is 50 ms or
    1.5 × the idle gap, whichever is larger), and the best of three runs counts."""
    results = []
    for _ in range(3):
        idle = _max_gap(qtbot, 0.3, job=False)
        busy = _max_gap(qtbot, 0.5, job=True)
        results.append((busy, idle))
        if busy < max(0.050, 1.5 * idle):
            break
    assert any(b < max(0.050, 1.5 * i) for b, i in results), \
        f"UI thread blocked: {[(round(b * 1000), round(i * 1000)) for b, i in results]} ms (job, idle)"
