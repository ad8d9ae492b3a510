"""The edit journal (core/journal.py): an edit acknowledged by the core is on disk at once, so a process killed
right after it (SIGKILL, no save at all) loses nothing; a torn last entry, a journal of another project and a
full disk are handled."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys

import pytest

from svsg_desktop.core.commands import MergeClusters, MoveLines, RenameCluster, SetFlag, SplitLines
from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io.project_csv import load_project, project_csv_bytes, save_project
from svsg_desktop.core.journal import EditSession, journal_path, read_journal
from svsg_desktop.core.lines import Flag, Line
from svsg_desktop.core.project import Project

from .lock_child import ROOT

EDITOR = r"""
import os, random, sys
from svsg_desktop.core.commands import MergeClusters, MoveLines, RenameCluster, SetFlag, SplitLines
from svsg_desktop.core.io.project_csv import load_project
from svsg_desktop.core.journal import EditSession, is_human
from svsg_desktop.core.lines import Flag

path, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
project = load_project(path)
session = EditSession(project, path)
ids = list(project.order)
done = []
for step in range(40):
    r = rng.random()
    if done and r < 0.15:
        cmd, inv = done.pop()
        session.undo(inv, human=is_human(cmd))
        continue
    pick = tuple(rng.sample(ids, rng.randint(1, 3)))
    groups = sorted(project.clusters)
    if r < 0.45:
        cmd = MoveLines(pick, rng.choice(groups))
    elif r < 0.6:
        cmd = SplitLines(pick, rng.choice(["", "Mira", "キョン"]))
    elif r < 0.7:
        cmd = RenameCluster(rng.choice(groups), rng.choice(["Kyon", "涼宮ハルヒ", "", "Nagato"]))
    elif r < 0.8 and len(groups) > 2:
        source = rng.choice(groups[1:])            # group 1 stays (renamed after the crash below)
        cmd = MergeClusters(source, rng.choice([g for g in groups if g != source]))
    else:
        cmd = SetFlag(pick, rng.choice(list(Flag)), rng.random() < 0.7)
    done.append((cmd, session.apply(cmd)))
from svsg_desktop.core.io.project_csv import project_csv_bytes
print(repr((project_csv_bytes(project), sorted((c.id, c.name) for c in project.clusters.values()))), flush=True)
print(repr(project.corrections), flush=True)
os.kill(os.getpid(), 9)        # right after the last acknowledged edit: no save, no close
"""


def episode(n: int = 30) -> Project:
    lines = [Line(f"L{i:05d}", i * 1000, i * 1000 + 900, f"台詞 {i}", cluster=i % 4 + 1) for i in range(1, n + 1)]
    return Project.from_lines(lines, video="ep.mkv")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_right_after_edits_loses_nothing(tmp_path, seed):
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-c", EDITOR, str(path), str(seed)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == -signal.SIGKILL, res.stderr[-2000:]
    snap, corrections = res.stdout.strip().splitlines()[-2:]
    again = load_project(path)                     # the CSV was never saved after the edits: the journal has them
    assert repr((project_csv_bytes(again), sorted((c.id, c.name) for c in again.clusters.values()))) == snap
    assert repr(again.corrections) == corrections
    assert again.corrections, "the run made no human edit"
    session = EditSession(again, path)              # reopened: the next edits continue the journal
    session.apply(RenameCluster(1, "after the crash"))
    session.close(saved=False)
    third = load_project(path)
    assert third.clusters[1].name == "after the crash" and repr(third.corrections[:-1]) == corrections


def test_a_torn_last_entry_is_ignored_and_not_appended_to(tmp_path):
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    s = EditSession(load_project(path), path)
    s.apply(RenameCluster(2, "Kyon"))
    s.apply(MoveLines(("L00001",), 2))
    s.journal._fh.write(b'{"seq": 3, "lines": [{"id": "L00')       # killed in the middle of an append
    s.journal._fh.flush()
    s.lock.release()
    p = load_project(path)
    assert p.clusters[2].name == "Kyon" and p.lines["L00001"].cluster == 2 and p.journal_seq == 2
    s2 = EditSession(p, path)
    s2.apply(SetFlag(("L00003",), Flag.UNKNOWN))
    s2.close(saved=False)
    _, entries = read_journal(path)
    assert [e["seq"] for e in entries] == [3]          # 1 and 2 were saved into the CSV when it was reopened
    q = load_project(path)
    assert Flag.UNKNOWN in q.lines["L00003"].flags and q.clusters[2].name == "Kyon" and q.lines["L00001"].cluster == 2


def test_a_journal_of_a_replaced_project_is_not_replayed(tmp_path):
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    s = EditSession(load_project(path), path)
    s.apply(RenameCluster(1, "old project's name"))
    s.lock.release()                                # crashed: the journal stays
    save_project(episode(12), path)                 # `svsg import --force` wrote a new project there
    p = load_project(path)
    assert len(p) == 12 and p.clusters[1].name == ""


def test_replayed_edits_are_saved_once_and_a_clean_close_removes_the_journal(tmp_path):
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    s = EditSession(load_project(path), path)
    s.apply(SplitLines(("L00001", "L00002"), "Mira"))
    s.lock.release()                                # crash
    p = load_project(path)
    s = EditSession(p, path)
    save_project(p, path)                           # the app's writer saves the replayed state
    s.close(saved=True)
    assert not journal_path(path).exists()
    q = load_project(path)
    assert q.snapshot() == p.snapshot() and q.corrections == p.corrections and len(q.corrections) == 1


def test_an_edit_the_journal_cannot_hold_is_refused_and_undone(tmp_path, monkeypatch):
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    p = load_project(path)
    s = EditSession(p, path)
    before, log_before = p.snapshot(), list(p.corrections)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fdatasync", full, raising=False)
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="cannot record the edit.*No space left.*not made"):
        s.apply(MoveLines(("L00001", "L00002"), 3))
    assert p.snapshot() == before and p.corrections == log_before
    monkeypatch.undo()
    s.close(saved=True)


def test_a_damaged_entry_stops_the_replay_there_without_breaking_the_open(tmp_path, caplog):
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    s = EditSession(load_project(path), path)
    s.apply(RenameCluster(1, "first"))
    s.journal._fh.write(b'{"seq": 2, "lines": "not a list", "clusters": [[1, "x"]], "log": [0, []]}\n')
    s.journal._fh.flush()
    s.journal._fh.write(b'{"seq": 3, "lines": [], "clusters": [[1, "third"]], "log": [0, []]}\n')
    s.journal._fh.close()
    s.lock.release()
    p = load_project(path)
    assert p.clusters[1].name == "first" and p.journal_seq == 1
    assert "entry 2 is damaged" in caplog.text


def test_restored_edits_survive_an_open_and_close_without_edits(tmp_path):
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    s = EditSession(load_project(path), path)
    s.apply(RenameCluster(3, "restored"))
    s.journal._fh.close()
    s.lock.release()                                # crash
    s2 = EditSession(load_project(path), path)      # reopened, nothing edited, closed cleanly
    s2.close(saved=True)
    assert load_project(path).clusters[3].name == "restored"


def test_a_merge_and_its_undo_replay_from_the_journal(tmp_path):
    """What a merge keeps together (and an undo releases) is in the journal, not only in the next save."""
    path = tmp_path / "ep.csv"
    save_project(episode(), path)
    s = EditSession(load_project(path), path)
    inv = s.apply(MergeClusters(2, 1))
    s.apply(MergeClusters(3, 4))
    s.undo(inv, human=True)
    s.close(saved=False)
    again = load_project(path)
    assert {again.line(i).kept for i in again.line_ids_in(4)} == {True}
    assert not any(again.line(i).kept for i in again.line_ids_in(1) + again.line_ids_in(2))
    assert not any(ln.pinned for ln in again.lines.values())
    assert [c["op"] for c in again.corrections] == ["merge"]
