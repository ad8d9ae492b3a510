"""Real mouse drags under Xvfb (xdotool drives the X pointer; Qt runs its own drag loop): a line dragged from
the list onto a group moves there, a group dragged onto a group merges them, Ctrl+Z undoes the merge."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

APP = r"""
import json, subprocess, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from svsg_desktop.qt.main_window import MainWindow
from svsg_desktop.qt.video import NullBackend
w = MainWindow(backend=NullBackend("test"))
w.quiet_errors = True
w.resize(1200, 760); w.move(0, 0); w.show(); w.activateWindow()
w.settings.group_on_open = False          # the drags below need a still panel
w.open_video(sys.argv[1])
c = w.controller; p = c.project
d = [i for i in p.order if p.lines[i].is_dialogue]
c.split_lines(d[:2], "Mira"); c.split_lines(d[5:7], "Kyon")
c.undo_stack.clear()
mira, kyon = p.lines[d[0]].cluster, p.lines[d[5]].cluster
out = {"mira": mira, "kyon": kyon}
state = {}

def center(view, index):
    return view.viewport().mapToGlobal(view.visualRect(index).center())

def drag(a, b, extra=()):
    return ["xdotool", "mousemove", str(a.x()), str(a.y()), "click", "1", "sleep", "0.3", "mousedown", "1",
            "sleep", "0.3", "mousemove", str(a.x() + 12), str(a.y() + 12), "sleep", "0.3",
            "mousemove", str(b.x() - 20), str(b.y()), "sleep", "0.3", "mousemove", str(b.x()), str(b.y()),
            "sleep", "0.5", "mouseup", "1", "sleep", "0.3", *extra]

def step1():
    lv = w.line_view
    a = center(lv, lv.model().index(lv.model().row_of(d[2]), 1))
    state["p"] = subprocess.Popen(drag(a, center(w.tree, w.clusters.group_index(mira))))
    wait_then(step2)

def step2():
    out["line_moved_to"] = p.lines[d[2]].cluster
    out["lines"] = len(p.lines)
    a = center(w.tree, w.clusters.group_index(kyon))
    b = center(w.tree, w.clusters.group_index(mira))
    state["p"] = subprocess.Popen(drag(a, b))
    wait_then(step3)

def step3():
    out["after_merge"] = sorted({p.lines[i].cluster for i in d[5:7]})
    out["kyon_exists_after_merge"] = kyon in p.clusters
    state["p"] = subprocess.Popen(["xdotool", "key", "ctrl+z"])
    wait_then(done)

def done():
    out["kyon_exists_after_undo"] = kyon in p.clusters and p.clusters[kyon].name == "Kyon"
    out["undo_steps"] = c.undo_stack.count()
    print("RESULT " + json.dumps(out), flush=True)
    w.close(); app.quit()

def wait_then(fn):
    def poll():
        if state["p"].poll() is None:
            QTimer.singleShot(50, poll)
        else:
            QTimer.singleShot(300, fn)
    QTimer.singleShot(50, poll)

QTimer.singleShot(1000, step1)
QTimer.singleShot(60000, app.quit)
app.exec()
"""


def test_real_mouse_drags_move_and_merge(xvfb, tmp_path):
    assert shutil.which("xdotool"), "xdotool is not installed (apt-get install xdotool)"
    for name in ("demo.mp4", "demo.srt"):
        shutil.copy2(ROOT / "resources" / "demo" / name, tmp_path / name)
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", SVSG_DATA_DIR=str(tmp_path / "data"),
               SVSG_LOG_DIR=str(tmp_path / "logs"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    res = subprocess.run([sys.executable, "-c", APP, str(tmp_path / "demo.mp4")], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    line = next((ln for ln in res.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line, f"rc={res.returncode}\n{res.stdout[-2000:]}\n{res.stderr[-3000:]}"
    out = json.loads(line[len("RESULT "):])
    assert out["line_moved_to"] == out["mira"] and out["lines"] == 25
    assert out["after_merge"] == [out["mira"]] and not out["kyon_exists_after_merge"]
    assert out["kyon_exists_after_undo"] and out["undo_steps"] == 2
