"""Real playback: the demo episode plays in VLC *inside* the main window under Xvfb, and a screen grab of the
video area is not black. Needs Xvfb, ImageMagick's ``import`` and libVLC (CI installs all three): if any is
missing this test fails — it never skips silently."""

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

APP_SCRIPT = r"""
import json, subprocess, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from svsg_desktop.qt.main_window import MainWindow
w = MainWindow()
w.quiet_errors = True
w.resize(1100, 720)
w.show()
w.open_video(sys.argv[1])
out = {"platform": app.platformName(), "status": w.video.video_status(), "available": w.video.backend.available}

def start():
    if sys.argv[3] == "play":
        w.video.toggle()                 # Space: play
    elif sys.argv[3] == "second":
        w.open_video(sys.argv[4])        # another episode while one is open

def grab():
    s = w.video.surface
    g = s.mapToGlobal(s.rect().topLeft())
    out.update(x=g.x(), y=g.y(), w=s.width(), h=s.height(), playing=w.video.backend.is_playing(),
               position=w.video.backend.position())
    res = subprocess.run(["import", "-window", "root", sys.argv[2]], capture_output=True, text=True)
    out["import_rc"], out["import_err"] = res.returncode, res.stderr[-500:]
    print("RESULT " + json.dumps(out), flush=True)
    w.close()
    app.quit()

QTimer.singleShot(1500, start)
QTimer.singleShot(5500, grab)
QTimer.singleShot(30000, app.quit)
sys.exit(app.exec())
"""


def test_libvlc_is_installed():
    from svsg_desktop.qt.video import import_vlc

    vlc, why = import_vlc()
    assert vlc is not None, why
    assert vlc.Instance(["--quiet", "--aout=adummy"]) is not None, "libVLC starts without its plugins"


def _run_app(xvfb, tmp_path, mode: str, videos: list[Path] | None = None) -> tuple[dict, Path]:
    assert shutil.which("import"), "ImageMagick's import is not installed"
    if videos is None:
        for name in ("demo.mp4", "demo.srt"):
            shutil.copy2(ROOT / "resources" / "demo" / name, tmp_path / name)
        videos = [tmp_path / "demo.mp4", tmp_path / "demo.mp4"]
    grab = tmp_path / "screen.png"
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", SVSG_VLC_ARGS="--aout=adummy",
               SVSG_DATA_DIR=str(tmp_path / "data"), SVSG_LOG_DIR=str(tmp_path / "logs"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_RUNTIME_DIR=str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    res = subprocess.run([sys.executable, "-c", APP_SCRIPT, str(videos[0]), str(grab), mode,
                          str(videos[1])], env=env,
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    line = next((ln for ln in res.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line, f"the app did not report (rc={res.returncode}):\n{res.stdout[-2000:]}\n{res.stderr[-3000:]}"
    out = json.loads(line[len("RESULT "):])
    assert out["platform"] == "xcb"
    assert out["available"], f"video is off: {out['status']}"
    assert out["import_rc"] == 0, out["import_err"]
    return out, grab


def _assert_picture(out: dict, grab: Path) -> None:
    from PySide6.QtGui import QImage

    img = QImage(str(grab))
    assert not img.isNull()
    x0, y0, w, h = out["x"], out["y"], out["w"], out["h"]
    assert w > 100 and h > 100
    lit = total = 0
    colours = set()
    for yy in range(y0 + 4, y0 + h - 4, 8):
        for xx in range(x0 + 4, x0 + w - 4, 8):
            c = img.pixelColor(xx, yy)
            total += 1
            if c.red() + c.green() + c.blue() > 60:
                lit += 1
            colours.add((c.red() // 32, c.green() // 32, c.blue() // 32))
    assert lit / total > 0.2, f"the video area is black ({lit}/{total} lit samples)"
    assert len(colours) >= 3, f"the video area is one flat colour, not a picture: {colours}"


def test_demo_plays_inside_the_window(xvfb, tmp_path):
    out, grab = _run_app(xvfb, tmp_path, "play")
    assert out["playing"] and out["position"] > 1000, out
    _assert_picture(out, grab)


@pytest.fixture
def two_episodes(tmp_path) -> list[Path]:
    """Two generated episodes (libVLC started paused on these showed nothing at all)."""
    from ..season import make_season

    return make_season(tmp_path / "season", episodes=2)


def test_a_frame_shows_before_the_first_play(xvfb, tmp_path, two_episodes):
    """Opening an episode (from the command line: before the window is on screen) shows a still frame of its
    first line, not a black area, until Play."""
    out, grab = _run_app(xvfb, tmp_path, "still", two_episodes)
    assert not out["playing"], out
    _assert_picture(out, grab)


def test_a_frame_shows_when_another_episode_opens(xvfb, tmp_path, two_episodes):
    """Opening a second episode while one is open showed a black area (the seek came before libVLC had opened
    the new media and was dropped)."""
    out, grab = _run_app(xvfb, tmp_path, "second", two_episodes)
    assert not out["playing"], out
    _assert_picture(out, grab)
