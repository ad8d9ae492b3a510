"""Property: whatever the edits, undos, saves (complete, or cut between the CSV and its sidecar), crashes and
clean closes with reopening, reading the project gives exactly the state of the last acknowledged edit."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svsg_desktop.core.commands import MoveLines, RenameCluster, SetFlag, SplitLines
from svsg_desktop.core.io.atomic import atomic_write_bytes
from svsg_desktop.core.io.project_csv import load_project, project_csv_bytes, save_project
from svsg_desktop.core.journal import EditSession, is_human
from svsg_desktop.core.lines import Flag, Line
from svsg_desktop.core.project import Project

N = 12
ids = st.lists(st.integers(0, N - 1), min_size=1, max_size=3, unique=True)
ops = st.lists(st.one_of(
    st.tuples(st.just("move"), ids, st.integers(1, 4)),
    st.tuples(st.just("split"), ids, st.sampled_from(["", "Mira", "キョン"])),
    st.tuples(st.just("rename"), st.integers(1, 4), st.sampled_from(["", "Kyon", "涼宮"])),
    st.tuples(st.just("flag"), ids, st.sampled_from(list(Flag)), st.booleans()),
    st.tuples(st.just("undo")), st.tuples(st.just("save")), st.tuples(st.just("save_csv_only")),
    st.tuples(st.just("crash_reopen")), st.tuples(st.just("close_reopen")),
), max_size=25)


def start() -> Project:
    return Project.from_lines([Line(f"L{i:05d}", i * 1000, i * 1000 + 800, f"t{i}", cluster=i % 4 + 1)
                               for i in range(N)], video="ep.mkv")


def state(p: Project):
    return project_csv_bytes(p), sorted((c.id, c.name) for c in p.clusters.values()), p.corrections


def command(op, p: Project):
    line = [p.order[i] for i in op[1]] if op[0] in ("move", "split", "flag") else None
    if op[0] == "move":
        return MoveLines(tuple(line), op[2])
    if op[0] == "split":
        return SplitLines(tuple(line), op[2])
    if op[0] == "rename":
        return RenameCluster(op[1], op[2]) if op[1] in p.clusters else None
    return SetFlag(tuple(line), op[2], op[3])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_reading_after_a_crash_gives_the_last_acknowledged_state(script):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ep.csv"
        save_project(start(), path)
        p = load_project(path)
        session = EditSession(p, path)
        done, dirty = [], False
        for op in script:
            if op[0] in ("crash_reopen", "close_reopen"):
                if op[0] == "crash_reopen":
                    session.journal._fh.close()
                    session.lock.release()
                else:                                 # the app's close: the writer saves what is pending
                    if dirty:
                        save_project(p.copy(), path)
                    session.close(saved=True)
                again = load_project(path)
                assert state(again) == state(p)
                p, done, dirty = again, [], False
                session = EditSession(p, path)
            elif op[0] == "undo":
                if done:
                    cmd, inv = done.pop()
                    session.undo(inv, human=is_human(cmd))
                    dirty = True
            elif op[0] == "save":                     # the background writer saved a snapshot
                save_project(p.copy(), path)
                dirty = False
            elif op[0] == "save_csv_only":            # ... and crashed between the CSV and its sidecar
                atomic_write_bytes(path, project_csv_bytes(p))
            else:
                cmd = command(op, p)
                if cmd is not None:
                    done.append((cmd, session.apply(cmd)))
                    dirty = True
        session.journal._fh.close()
        session.lock.release()                        # the crash: no save, no close
        assert state(load_project(path)) == state(p)
