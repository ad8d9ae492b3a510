"""Crash safety of the project save: a writer killed with SIGKILL at random moments leaves the old or the new
project CSV on disk, never a torn one.

The writer process loops ``save_project`` over two large versions of a project. To make kills land inside the
write itself often (not only while the CSV text is being built), it runs on a simulated slow disk: ``os.fsync``
takes 300 ms longer on the CSV's temporary file, as on a hard disk or a network share. The test checks that
many kills really did leave a half-written temporary file behind, i.e. that it tested the dangerous moment.
"""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import time

import pytest

from svsg_desktop.core.io import load_project
from svsg_desktop.core.io.atomic import stale_temp_files
from svsg_desktop.core.io.project_csv import project_csv_bytes
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project

WRITER = r'''
import os, pickle, stat, sys, time
from svsg_desktop.core.io.project_csv import save_project

real_fsync = os.fsync
def slow_fsync(fd):            # a slow disk: the write window is what we want the kill to hit
    real_fsync(fd)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return
    try:
        name = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:            # no /proc (macOS): every file is slow
        name = ".project.csv."
    if ".project.csv." in name:   # the CSV's temporary file
        time.sleep(0.3)
os.fsync = slow_fsync

path, versions = sys.argv[1], pickle.load(open(sys.argv[2], "rb"))
print("ready", flush=True)
k = 0
while True:
    save_project(versions[k % 2], path)
    k += 1
'''

ITERATIONS = 50
N_LINES = 4000


def version(tag: str) -> Project:
    lines = [Line(f"L{i:05d}", i * 700, i * 700 + 650, f"{tag} 第{i}行 涼宮ハルヒの憂鬱 " * 4,
                  speaker=["春日", "キョン", "長門", "みくる"][i % 4]) for i in range(N_LINES)]
    return Project.from_lines(lines, video="ep.mkv")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_during_save_never_tears_the_csv(tmp_path):
    path = tmp_path / "project.csv"
    old, new = version("旧"), version("新")
    expected = {project_csv_bytes(old), project_csv_bytes(new)}
    blob = tmp_path / "versions.pickle"
    blob.write_bytes(pickle.dumps([new, old]))
    rng = random.Random(1234)
    mid_write = 0
    from svsg_desktop.core.io import save_project
    save_project(old, path)
    for it in range(ITERATIONS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(blob)], stdout=subprocess.PIPE)
        try:
            assert proc.stdout.readline().strip() == b"ready", "writer failed to start"
            time.sleep(rng.uniform(0.0, 0.3))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
        data = path.read_bytes()
        assert data in expected, f"iteration {it}: torn CSV ({len(data)} bytes)"
        leftovers = stale_temp_files(path)
        if leftovers:
            mid_write += 1
            for f in leftovers:
                os.unlink(f)
    print(f"{mid_write}/{ITERATIONS} kills landed while the temporary file was open")
    assert mid_write >= ITERATIONS // 10, f"only {mid_write} kills landed mid-write: the test proves little"
    assert len(load_project(path)) == N_LINES   # the surviving file is a valid project
