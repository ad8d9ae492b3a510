"""UI responsiveness on a whole season open at once (5,000+ lines): filtering the line list, expanding a group in
the cluster panel, applying a drag (drop → command → CSV written → models and views updated). Target: each well
under 100 ms (median). Runs offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui.py [--lines 5000] [--repeats 15]

Baselines measured in the same run: the bare Python substring scan the filter must do, and the same drop with
saving turned off. The project CSV is written by a writer thread (svsg_desktop/qt/saver.py); its time to disk is
reported on its own row (it does not block the UI thread, so the 100 ms target does not apply to it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = ("the", "river", "lighthouse", "promise", "weather", "kitchen", "note", "library", "Sunday", "春日",
         "キョン", "長門", "朝比奈", "台詞", "今日は", "ありがとう", "我们", "明天", "见面", "captain")


def season(n_lines: int, n_groups: int, seed: int = 0):
    import random

    from svsg_desktop.core.lines import Line
    from svsg_desktop.core.project import Project

    rng = random.Random(seed)
    lines = []
    t = 0
    for i in range(n_lines):
        t += rng.randint(500, 4000)
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))
        g = min(n_groups, int(rng.paretovariate(1.2)))        # a few big groups, a long tail (like real casts)
        lines.append(Line(id=f"E{i // 400 + 1:02d}-{i:05d}", start=t, end=t + rng.randint(400, 3000), text=text,
                          cluster=g, confidence=rng.random()))
    p = Project.from_lines(lines, video="season.mkv")
    for cid in p.clusters:
        if cid <= n_groups // 2:
            p.clusters[cid].name = f"Character {cid}"
    return p


def timed(fn, repeats: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    out = []
    for k in range(repeats):
        t0 = time.perf_counter()
        fn(k)
        QApplication.processEvents()      # let the views lay out and paint what changed
        out.append(1000 * (time.perf_counter() - t0))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--groups", type=int, default=40)
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args(argv)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from svsg_desktop.qt.main_window import MainWindow
    from svsg_desktop.qt.mime import line_ids_mime
    from svsg_desktop.qt.video import NullBackend

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="svsg-bench-"))
    os.environ["SVSG_DATA_DIR"] = str(tmp)
    w = MainWindow(backend=NullBackend("benchmark"))
    w.quiet_errors = True
    w.resize(1280, 800)
    w.show()
    app.processEvents()
    project = season(args.lines, args.groups)
    t0 = time.perf_counter()
    w.controller.set_project(project, tmp / "season.speakers.csv", save=True)
    app.processEvents()
    load_ms = 1000 * (time.perf_counter() - t0)
    rows = []

    # -- filtering ---------------------------------------------------------------------------------------------
    needles = ["river", "長門", "captain prom", "character 3", "x", "見", "the", "kitchen note"]
    def do_filter(k):
        w.filter_edit.setText(needles[k % len(needles)])
    keys = [w.lines.search_key(r) for r in range(w.lines.rowCount())]
    assert len(keys) == args.lines
    filt = timed(do_filter, args.repeats)
    base = timed(lambda k: [s for s in keys if needles[k % len(needles)] in s], args.repeats)
    w.filter_edit.setText("")
    app.processEvents()
    rows.append(("filter the line list", filt, "bare substring scan", base))

    # -- expanding a group -------------------------------------------------------------------------------------
    tree = w.tree
    biggest = w.clusters.group_index(w.clusters.groups()[0])
    size = len(w.clusters.members(w.clusters.groups()[0]))
    def do_expand(k):
        tree.collapse(biggest) if tree.isExpanded(biggest) else None
        app.processEvents()
        tree.expand(biggest)
    # the collapse is outside the measured part only approximately; measure expand alone:
    exp = []
    for _ in range(args.repeats):
        tree.collapse(biggest)
        app.processEvents()
        t1 = time.perf_counter()
        tree.expand(biggest)
        app.processEvents()
        exp.append(1000 * (time.perf_counter() - t1))
    rows.append((f"expand the biggest group ({size} lines)", exp, "", []))

    # -- applying a drag ---------------------------------------------------------------------------------------
    groups = w.clusters.groups()
    order = list(project.order)

    def do_drop(k):
        ids = order[(37 * k) % len(order):][:3]
        target = groups[k % 5]
        mime = line_ids_mime(ids)
        w.clusters.dropMimeData(mime, Qt.MoveAction, -1, -1, w.clusters.group_index(target))

    c = w.controller
    drop, disk = [], []
    for k in range(args.repeats):
        c.flush()                                   # the writer is idle: what the UI thread itself spends
        t0 = time.perf_counter()
        do_drop(k)
        app.processEvents()
        drop.append(1000 * (time.perf_counter() - t0))
        t1 = time.perf_counter()
        c.flush()                                   # writer thread: the drag's state on disk (atomic CSV + sidecar)
        disk.append(1000 * (time.perf_counter() - t1))
    path = c.path
    c.path = None                                   # baseline: the same drops, nothing handed to the writer
    drop_nosave = timed(lambda k: do_drop(k + 1000), args.repeats)
    c.path = path
    rows.append(("apply a drag (move 3 lines; UI thread)", drop, "same drag, no save", drop_nosave))
    undo = []
    for _ in range(args.repeats):
        c.flush()
        t0 = time.perf_counter()
        c.undo_stack.undo()
        app.processEvents()
        undo.append(1000 * (time.perf_counter() - t0))
    rows.append(("undo one drag (UI thread)", undo, "", []))
    rows.append(("write the project CSV (writer thread)", disk, "", []))

    def calibrate(_k):
        x = 0
        for i in range(200_000):
            x += i * i
    calib = statistics.median(timed(calibrate, 5))
    print(f"machine state: a fixed 200k-step Python loop took {calib:.1f} ms (median of 5); load average "
          f"{os.getloadavg()[0]:.1f} — on a shared machine the figures below scale with the loop time")
    print(f"svsg UI benchmark: {args.lines} lines, {len(project.clusters)} groups, Qt platform "
          f"{app.platformName()}, {args.repeats} repeats; project load + first save {load_ms:.0f} ms")
    print(f"| {'operation':42s} | median ms | p90 ms | {'baseline':22s} | base median | < 100 ms |")
    print(f"|{'-' * 44}|-----------|--------|{'-' * 24}|-------------|----------|")
    ok = True
    for name, vals, bname, bvals in rows:
        med = statistics.median(vals)
        p90 = sorted(vals)[int(0.9 * (len(vals) - 1))]
        bmed = f"{statistics.median(bvals):.1f}" if bvals else ""
        good = med < 100
        if "writer thread" in name:
            good = True                       # off the UI thread: reported, not held to the 100 ms target
        ok &= good
        print(f"| {name:42s} | {med:9.1f} | {p90:6.1f} | {bname:22s} | {bmed:>11s} | {'yes' if good else 'NO':>8s} |")
    w.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
