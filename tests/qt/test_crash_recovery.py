"""A crash a moment after the last correction loses nothing: the app process is killed (SIGKILL, no clean
shutdown) one second after its last edit, or right after it (before the writer's pause is over: the edit journal
holds it), and reopening the video restores every correction."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import os, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from svsg_desktop.core.lines import Flag
from svsg_desktop.qt.main_window import MainWindow
from svsg_desktop.qt.video import NullBackend
w = MainWindow(backend=NullBackend("test"))
assert w.open_video(sys.argv[1])
c = w.controller
p = c.project
d = [i for i in p.order if p.lines[i].is_dialogue]
c.split_lines(d[:3], "Captain Mira")
c.split_lines(d[3:5])
c.move_lines([d[6]], p.lines[d[0]].cluster)
c.set_flag([d[7]], Flag.SEVERAL)
c.rename_cluster(p.lines[d[3]].cluster, "Kyon")
c.move_lines([d[8]], p.lines[d[3]].cluster)
c.undo_stack.undo()                      # the last thing the user did was an undo
t0 = time.monotonic()
while time.monotonic() - t0 < float(sys.argv[2]):
    app.processEvents()
    time.sleep(0.01)
if sys.argv[3] == "1":                   # one more edit after the writer saved, then the crash at once
    c.rename_cluster(p.lines[d[0]].cluster, "Captain Mira II")
print(repr(sorted((i, ln.cluster, ln.pinned, sorted(f.value for f in ln.flags)) for i, ln in p.lines.items())))
print(repr(sorted((k, v.name) for k, v in p.clusters.items())), flush=True)
os.kill(os.getpid(), 9)                  # a crash: no close, no flush, no atexit
"""


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL semantics")
@pytest.mark.parametrize("wait_s,edit_after", [(1.0, "0"), (0.0, "0"), (1.0, "1")])
def test_sigkill_after_edits_then_reopen_restores_everything(tmp_path, qtbot, monkeypatch, wait_s, edit_after):
    for name in ("demo.mp4", "demo.srt"):
        shutil.copy2(ROOT / "resources" / "demo" / name, tmp_path / name)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SVSG_DATA_DIR=str(tmp_path / "data"),
               SVSG_LOG_DIR=str(tmp_path / "logs"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    res = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "demo.mp4"), str(wait_s), edit_after],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == -signal.SIGKILL, res.stderr[-2000:]
    lines_repr, clusters_repr = res.stdout.strip().splitlines()[-2:]

    from svsg_desktop.qt.controller import Controller

    c = Controller()
    c.open_project(tmp_path / "demo.mp4.svsg.csv")
    p = c.project
    got_lines = repr(sorted((i, ln.cluster, ln.pinned, sorted(f.value for f in ln.flags)) for i, ln in p.lines.items()))
    got_clusters = repr(sorted((k, v.name) for k, v in p.clusters.items()))
    assert got_lines == lines_repr
    assert got_clusters == clusters_repr
    assert "Captain Mira" in got_clusters and "Kyon" in got_clusters
    c.close()                                # opened and closed without an edit: the restored edits stay
    from svsg_desktop.core.io import load_project
    from svsg_desktop.core.journal import journal_path

    assert not journal_path(tmp_path / "demo.mp4.svsg.csv").exists()
    q = load_project(tmp_path / "demo.mp4.svsg.csv")
    assert repr(sorted((k, v.name) for k, v in q.clusters.items())) == clusters_repr
