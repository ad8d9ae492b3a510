"""What the edit journal costs per edit: applying core commands to a project without a journal (the baseline,
measured in the same run) and with it (one JSON line appended and ``fdatasync``-ed before the edit returns), on
the disk holding ``--dir``. Also the cost of replaying the journal when the project is opened. Prints one table
of medians.

    .venv/bin/python benchmarks/bench_journal.py [--lines 5000] [--edits 200] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from svsg_desktop.core.commands import AssignClusters, MoveLines, RenameCluster
from svsg_desktop.core.io.project_csv import load_project, save_project
from svsg_desktop.core.journal import EditSession, apply_edit
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project


def make_project(n: int) -> Project:
    lines = [Line(f"L{i:05d}", i * 2000, i * 2000 + 1500, f"台詞 {i} " * 5, cluster=i % 40 + 1)
             for i in range(1, n + 1)]
    return Project.from_lines(lines, video="ep.mkv")


def edits(project: Project, k: int) -> list:
    ids = project.order
    out = []
    for e in range(k):
        if e % 3 == 2:
            out.append(RenameCluster(e % 40 + 1, f"name {e}"))
        else:
            out.append(MoveLines((ids[(e * 7919) % len(ids)], ids[(e * 104729) % len(ids)]), e % 40 + 1))
    return out


def timed(apply, commands) -> list[float]:
    out = []
    for c in commands:
        t0 = time.perf_counter()
        apply(c)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--dir", default=None, help="folder on the disk to measure (default: the temp folder)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=a.dir) as d:
        path = Path(d) / "ep.csv"
        base = make_project(a.lines)
        plain = timed(lambda c: apply_edit(base, c), edits(base, a.edits))
        project = make_project(a.lines)
        save_project(project, path)
        session = EditSession(project, path)
        journaled = timed(session.apply, edits(project, a.edits))
        assign = {lid: (k % 50) + 1 for k, lid in enumerate(project.order)}
        whole = timed(session.apply, [AssignClusters(assign)])
        size = session.journal.path.stat().st_size
        session.close(saved=False)
        t0 = time.perf_counter()
        again = load_project(path)
        t_open = (time.perf_counter() - t0) * 1000
        session.lock.release()
        assert again.journal_seq == a.edits + 1
        save_project(make_project(a.lines), Path(d) / "plain.csv")
        t0 = time.perf_counter()
        load_project(Path(d) / "plain.csv")
        t_open_plain = (time.perf_counter() - t0) * 1000
    rows = [
        ("edit without journal (baseline)", statistics.median(plain), max(plain)),
        ("edit with journal (append + fdatasync)", statistics.median(journaled), max(journaled)),
        (f"engine result over all {a.lines} lines", whole[0], whole[0]),
        ("open without journal (baseline)", t_open_plain, t_open_plain),
        (f"open + replay {a.edits + 1} entries", t_open, t_open),
    ]
    print(f"{a.lines} lines, {a.edits} edits, journal {size / 1024:.0f} KiB")
    print(f"{'':42s} {'median ms':>10s} {'max ms':>8s}")
    for name, med, mx in rows:
        print(f"{name:42s} {med:10.2f} {mx:8.2f}")
    print(f"journal cost per edit: {statistics.median(journaled) / max(statistics.median(plain), 1e-9):.0f}x the "
          "bare edit")


if __name__ == "__main__":
    main()
