"""A season under a real X server (Xvfb, xcb, VLC): open a three-episode folder, label episode 1 by renaming its
groups in the group panel with the keyboard, open episode 2 from the Season tab and find its groups named from
the roster. Fails (never skips) when Xvfb or espeak-ng is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from svsg_desktop.core.demo import espeak_available

from ..season import make_season

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

APP_SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
sys.path.insert(0, sys.argv[2])
app = QApplication([])
from svsg_desktop.qt.main_window import MainWindow
from tests.season import majority_names, truth_names
folder = Path(sys.argv[1])
w = MainWindow()
w.quiet_errors = True
w.resize(1280, 780)
w.show()
w.activateWindow()
out = {"platform": app.platformName()}
step = {"n": 0}

def wait_for(cond, then, limit=600):
    if cond():
        then()
    elif limit <= 0:
        out["timeout"] = then.__name__
        finish()
    else:
        QTimer.singleShot(200, lambda: wait_for(cond, then, limit - 1))

def grouped():
    p = w.controller.project
    return not w.jobs.is_busy() and any(ln.cluster is not None for ln in p.lines.values())

def label_first():
    p = w.controller.project
    out["ep1_groups"] = len(p.clusters)
    for cid, name in majority_names(p, Path(p.video)).items():      # what the annotator types
        w.tabs.setCurrentWidget(w.tree)
        w.tree.setFocus()
        w.tree.select_cluster(cid)
        w.tree.rename_current()                # Enter / F2 on a group
        app.processEvents()
        editor = w.tree.findChild(QLineEdit)
        editor.selectAll()
        QTest.keyClicks(editor, name)
        QTest.keyClick(editor, Qt.Key_Return)
        app.processEvents()
    out["ep1_names"] = sorted(c.name for c in p.clusters.values() if c.name)
    w.controller.flush(10)
    items = [w.season.episode_list.item(r) for r in range(w.season.episode_list.count())]
    second = next(i for i in items if i.text().lstrip("▶ ").startswith("ep02"))
    w.season._open(second)                     # double-click in the Season tab
    wait_for(lambda: w.controller.project.video.endswith("ep02.mp4") and grouped(), check_second)

def check_second():
    p = w.controller.project
    truth = truth_names(Path(p.video))
    dialogue = [ln for ln in p.lines.values() if ln.is_dialogue]
    out["roster"] = [c.name for c in w.season.characters]
    out["ep2_group_names"] = sorted(c.name for c in p.clusters.values())
    out["ep2_right"] = sum(p.speaker_of(ln.id) == truth.get((ln.start, ln.end)) for ln in dialogue)
    out["ep2_wrong"] = sum(bool(p.speaker_of(ln.id)) and p.speaker_of(ln.id) != truth.get((ln.start, ln.end))
                           for ln in dialogue)
    out["ep2_lines"] = len(dialogue)
    finish()

def finish():
    print("RESULT " + json.dumps(out), flush=True)
    w.close()
    app.quit()

w.open_path(folder)
wait_for(grouped, label_first)
QTimer.singleShot(150000, finish)
sys.exit(app.exec())
"""


def test_episode_two_comes_back_named_from_the_roster(xvfb, tmp_path):
    assert espeak_available(), "espeak-ng is needed to make the test season"
    folder = tmp_path / "season"
    make_season(folder, episodes=3)
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", SVSG_VLC_ARGS="--aout=adummy",
               SVSG_DATA_DIR=str(tmp_path / "data"), SVSG_LOG_DIR=str(tmp_path / "logs"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_RUNTIME_DIR=str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    res = subprocess.run([sys.executable, "-c", APP_SCRIPT, str(folder), str(ROOT)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    line = next((ln for ln in res.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line, f"the app did not report (rc={res.returncode}):\n{res.stdout[-2000:]}\n{res.stderr[-3000:]}"
    out = json.loads(line[len("RESULT "):])
    assert "timeout" not in out and "ep1_names" in out, f"{out}\n{res.stderr[-3000:]}"
    assert out["platform"] == "xcb"
    assert len(out["ep1_names"]) >= 2, out
    assert set(out["roster"]) == set(out["ep1_names"]), out
    named = [n for n in out["ep2_group_names"] if n]
    assert named and set(named) <= set(out["roster"]), out
    assert out["ep2_right"] >= out["ep2_lines"] / 2 and out["ep2_right"] >= 1.5 * out["ep2_wrong"], out
