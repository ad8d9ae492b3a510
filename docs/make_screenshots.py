"""Regenerate every screenshot in docs/ from the running app:  python docs/make_screenshots.py

Starts its own Xvfb (or uses ``--display :N``), makes a three-episode demo season in a temporary folder, and runs
the real app (Qt ``xcb``, VLC drawing the video) once per language:

- ``screenshot.png`` / ``screenshot_ja.png``: the demo episode grouped when it opened, a line playing;
- ``welcome.png``: a first start;
- ``review_queue.png``: the review queue after F8, the line list showing lines not checked yet;
- ``season_roster.png``: episode 2 of the season, its groups named from episode 1 (the Season tab).

Windows are grabbed from the X screen (``import -window root``, ImageMagick) so VLC's picture is in them.
Needs Xvfb, ImageMagick, libVLC and espeak-ng (the demo season's voices).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT))
from tests.season import majority_names, make_season  # noqa: E402 - the tests' demo season and "annotator"


# -- the app side (runs inside the X server) ------------------------------------------------------------------------
def child(args) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from svsg_desktop.qt.i18n import install_language
    from svsg_desktop.qt.main import pose_for_screenshot, save_screenshot

    app = QApplication([])
    install_language(args.language)
    from svsg_desktop.qt.main_window import MainWindow

    w = MainWindow()
    w.quiet_errors = True
    w.resize(1280, 780)
    w.move(0, 0)
    w.show()
    suffix = "" if args.language == "en" else "_" + args.language.split("_")[0]
    steps: list = []

    def idle() -> bool:
        return not w.jobs.is_busy() and any(ln.cluster is not None for ln in w.controller.project.lines.values())

    def shoot(name: str) -> None:
        app.processEvents()
        save_screenshot(w, str(args.out / name))
        print("wrote", args.out / name, flush=True)

    def run(k: int = 0, waited: int = 0) -> None:
        if k >= len(steps):
            w.close()
            app.quit()
            return
        cond, action, delay = steps[k]
        if cond is not None and not cond() and waited < 600:
            QTimer.singleShot(200, lambda: run(k, waited + 1))
            return
        action()
        QTimer.singleShot(delay, lambda: run(k + 1))

    def tab(widget):
        return lambda: w.tabs.setCurrentWidget(widget)

    if args.language == "en":
        steps.append((None, lambda: shoot("welcome.png"), 200))
    steps += [
        (None, w.open_demo, 500),
        (idle, lambda: pose_for_screenshot(w), 2500),
        (None, lambda: shoot(f"screenshot{suffix}.png"), 200),
    ]
    if args.language == "en":
        def label_first():
            p = w.controller.project
            for cid, name in majority_names(p, Path(p.video)).items():
                w.controller.rename_cluster(cid, name)
            w.controller.flush(10)
            w.open_video(args.season[1])

        def review():
            w.review_bar.set_show("unchecked")
            w.next_review()

        def season_tab():
            w.review_bar.set_show("all")
            w.tabs.setCurrentWidget(w.season)
            w.line_view.select_line(w.controller.project.order[3])

        steps += [
            (None, review, 1500),
            (None, lambda: shoot("review_queue.png"), 200),
            (None, lambda: w.open_video(args.season[0]), 500),
            (idle, label_first, 500),
            (lambda: idle() and w.controller.project.video == str(args.season[1]), season_tab, 2500),
            (lambda: not w.season.jobs.is_busy(), lambda: shoot("season_roster.png"), 200),
        ]
    QTimer.singleShot(300, run)
    QTimer.singleShot(300_000, app.quit)
    return app.exec()


# -- the driver ------------------------------------------------------------------------------------------------------
def start_xvfb() -> tuple[subprocess.Popen, str]:
    for n in range(120, 200):
        if Path(f"/tmp/.X{n}-lock").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                return proc, f":{n}"
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.kill()
    raise SystemExit("could not start Xvfb")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--display", help="an X display to use (default: start an Xvfb)")
    ap.add_argument("--out", type=Path, default=DOCS)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--language", default="en", help=argparse.SUPPRESS)
    ap.add_argument("--season", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)
    for tool in ("Xvfb", "import"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed")
    xvfb, display = (None, args.display) if args.display else start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            args.out.mkdir(parents=True, exist_ok=True)
            season = make_season(Path(tmp) / "season")
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", SVSG_VLC_ARGS="--aout=adummy",
                       SVSG_DATA_DIR=str(Path(tmp) / "data"), XDG_CONFIG_HOME=str(Path(tmp) / "config"),
                       PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
            for lang in ("en", "ja_JP"):
                subprocess.run([sys.executable, __file__, "--child", "--language", lang, "--out", str(args.out),
                                "--season", *map(str, season)], env=env, check=True, timeout=600)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
