"""One writer per project: a second svsg process cannot save over a project another one holds; stale locks (the
owner died on this machine) are taken over; another computer's lock is never taken over silently."""

from __future__ import annotations

import json
import os
import socket
import time

import pytest

from svsg_desktop.core.commands import SplitLines
from svsg_desktop.core.io.lock import ProjectLock, ProjectLocked, lock_path, project_lock
from svsg_desktop.core.io.project_csv import load_project, save_project, sidecar_path
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project

from .lock_child import dead_pid, held_by_another_process


def _project(name: str) -> Project:
    p = Project.from_lines([Line("L00001", 0, 1000, "hello"), Line("L00002", 2000, 3000, "yo")], video="ep.mkv")
    SplitLines(("L00001",), name).apply(p)
    return p


def _write_lock(project, **owner):
    d = {"app": "svsg", "pid": os.getpid(), "host": socket.gethostname(), "since": "2026-01-01 00:00:00",
         "boot": ""}
    d.update(owner)
    lock_path(project).write_text(json.dumps(d), encoding="utf-8")


def test_a_save_from_a_second_process_never_erases_the_first_ones_edits(tmp_path):
    path = tmp_path / "ep.csv"
    save_project(_project("Kyon"), path)           # instance A's rename is on disk
    before = path.read_bytes(), sidecar_path(path).read_bytes()
    with held_by_another_process(path) as pid:     # A still has the project open
        with pytest.raises(ProjectLocked, match=f"process {pid}") as info:
            save_project(_project("Haruhi"), path)   # B's autosave
        assert info.value.code == "locked" and "close it there first" in str(info.value)
        assert (path.read_bytes(), sidecar_path(path).read_bytes()) == before
        with pytest.raises(ProjectLocked):
            ProjectLock(path).acquire()
    save_project(_project("Haruhi"), path)         # A closed the project: now B may save
    assert load_project(path).clusters[1].name == "Haruhi"
    assert not lock_path(path).exists()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path, caplog):
    path = tmp_path / "ep.csv"
    _write_lock(path, pid=dead_pid())
    with ProjectLock(path) as lock:
        assert json.loads(lock_path(path).read_text())["pid"] == os.getpid() and lock.held
    assert "no longer running" in caplog.text
    assert not lock_path(path).exists()


def test_a_lock_from_before_a_reboot_is_stale(tmp_path):
    if not os.path.exists("/proc/sys/kernel/random/boot_id"):
        pytest.skip("no boot id on this system")
    path = tmp_path / "ep.csv"
    _write_lock(path, pid=os.getppid(), boot="00000000-0000-0000-0000-000000000000")
    with ProjectLock(path):
        pass


def test_a_lock_whose_pid_now_belongs_to_another_process_is_stale(tmp_path):
    if not os.path.exists(f"/proc/{os.getppid()}/stat"):
        pytest.skip("no /proc")
    path = tmp_path / "ep.csv"
    _write_lock(path, pid=os.getppid(), boot="", started="1")       # alive, but started at another time
    with ProjectLock(path):
        pass
    with held_by_another_process(path):                             # the real owner's start time matches
        with pytest.raises(ProjectLocked):
            ProjectLock(path).acquire()


def test_another_computers_lock_is_never_taken_over(tmp_path):
    path = tmp_path / "ep.csv"
    _write_lock(path, pid=dead_pid(), host="annotation-pc-7")
    with pytest.raises(ProjectLocked, match="annotation-pc-7") as info:
        ProjectLock(path).acquire()
    assert "delete ep.svsg.lock" in str(info.value)
    assert lock_path(path).exists()


def test_an_unreadable_lock_is_stale_only_when_old(tmp_path):
    path = tmp_path / "ep.csv"
    lock_path(path).write_bytes(b"")                 # a crash while the lock was being written
    with pytest.raises(ProjectLocked):
        ProjectLock(path).acquire()
    old = time.time() - 60
    os.utime(lock_path(path), (old, old))
    with ProjectLock(path):
        pass


def test_the_lock_is_reentrant_in_one_process_and_release_keeps_other_locks(tmp_path):
    path = tmp_path / "ep.csv"
    with ProjectLock(path):
        with project_lock(path):
            save_project(_project("A"), path)       # save_project inside a session holding the lock
        assert lock_path(path).exists()
    assert not lock_path(path).exists()
    other = ProjectLock(path)
    other.release()                                  # never held: removes nothing
    _write_lock(path, pid=12345678, host="elsewhere")
    ProjectLock(path).release()
    assert lock_path(path).exists()


SAVER = r"""
import os, stat, sys, time
from svsg_desktop.core.commands import SplitLines
from svsg_desktop.core.io.lock import ProjectLocked
from svsg_desktop.core.io.project_csv import save_project
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project

real_fsync = os.fsync
def slow_fsync(fd):              # a slow disk while the sidecar is written: the moment another writer could slip in
    real_fsync(fd)
    if stat.S_ISREG(os.fstat(fd).st_mode) and ".svsg.json." in os.readlink(f"/proc/self/fd/{fd}"):
        time.sleep(0.05)
os.fsync = slow_fsync

path, tag = sys.argv[1], sys.argv[2]
p = Project.from_lines([Line("L00001", 0, 1000, tag), Line("L00002", 2000, 3000, tag)], video=tag + ".mkv")
print("ready", flush=True)
sys.stdin.readline()
saved = 0
while saved < 12:
    try:
        save_project(p, path)
        saved += 1
        time.sleep(0.03)          # let the others (the other writer, the checking reader) in
    except ProjectLocked:
        time.sleep(0.005)
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_two_processes_saving_one_project_never_mix_csv_and_sidecar(tmp_path):
    import hashlib
    import subprocess
    import sys

    from .lock_child import ROOT

    path = tmp_path / "ep.csv"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), tag], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env=env) for tag in ("A", "B")]
    for p in procs:
        assert p.stdout.readline().strip() == b"ready"
    for p in procs:                                   # start both at once
        p.stdin.write(b"go\n")
        p.stdin.flush()
    checked = 0
    while any(p.poll() is None for p in procs):       # a reader holding the lock always sees a matching pair
        try:
            with ProjectLock(path):
                if sidecar_path(path).exists():
                    side = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
                    assert side["csv_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), "torn pair"
                    checked += 1
        except ProjectLocked:
            pass
        time.sleep(0.005)
    assert checked >= 1, "no check while the writers ran"
    for p in procs:
        assert p.wait(timeout=120) == 0
        p.stdin.close()
        p.stdout.close()
    side = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    assert side["csv_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), "one run's CSV, the other's sidecar"
    project = load_project(path)
    assert project.video == project.lines["L00001"].text + ".mkv"
