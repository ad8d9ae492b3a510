"""``svsg-desktop [VIDEO|PROJECT.csv|FOLDER]``: start the app."""

from __future__ import annotations

import argparse
import logging
import sys

from .. import __name__ as _pkg  # noqa: F401 - make sure the package is importable before Qt starts

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="svsg-desktop", description="Speaker labels for every subtitle line.")
    ap.add_argument("path", nargs="?", help="a video, a project CSV, or a season folder")
    ap.add_argument("--subtitles", help="subtitles for the video (default: found beside it by name)")
    ap.add_argument("--language", choices=["en", "zh_CN", "ja_JP"], help="UI language (default: settings/system)")
    ap.add_argument("--group", action="store_true", help="group the speakers right after opening")
    ap.add_argument("--screenshot", metavar="PNG", help="save a picture of the window (after grouping, with "
                    "--group), then quit; under X11 the screen is grabbed, so the video shows")
    ap.add_argument("--quit-after", type=float, default=0.0, metavar="SECONDS", help="quit after this long")
    return ap.parse_args(argv)


def run(argv: list[str]) -> int:
    args = parse_args(list(argv))
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from .i18n import install_language, pick_language
    from .logs import setup_logging
    from .settings import AppSettings

    QCoreApplication.setOrganizationName("svsg")
    QCoreApplication.setApplicationName("svsg-desktop")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "svsg-desktop"])
    log_file = setup_logging()
    from PySide6.QtGui import QIcon

    from .i18n import resources_dir
    icon = resources_dir() / "icons" / "svsg.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    settings = AppSettings()
    install_language(args.language or pick_language(settings.language))
    log.info("svsg-desktop starting (log: %s, Qt platform: %s)", log_file, app.platformName())

    from .main_window import MainWindow

    window = MainWindow(settings)
    window.show()
    if args.path:
        if args.subtitles:
            window.open_video(args.path, args.subtitles)
        else:
            window.open_path(args.path)
    if args.screenshot:
        def shoot() -> None:
            save_screenshot(window, args.screenshot)
            window.close()

        def pose_and_shoot(*_):
            pose_for_screenshot(window)
            QTimer.singleShot(int(1000 * (args.quit_after or 2.0)), shoot)

        if args.group:
            window.jobs.busyChanged.connect(lambda busy: None if busy else QTimer.singleShot(300, pose_and_shoot))
        else:
            QTimer.singleShot(500, pose_and_shoot)
    elif args.quit_after:
        QTimer.singleShot(int(1000 * args.quit_after), window.close)
    if args.group:
        QTimer.singleShot(200, window.group_speakers)
    return app.exec()


def pose_for_screenshot(window) -> None:
    """Expand the two largest groups, select a line in mid-episode and show its frame."""
    groups = [g for g in window.clusters.groups() if g >= 0]
    for cid in groups[:2]:
        window.tree.expand(window.clusters.group_index(cid))
    p = window.controller.project
    dialogue = [i for i in p.order if p.lines[i].is_dialogue]
    if dialogue:
        lid = dialogue[len(dialogue) // 3]
        window.line_view.select_line(lid)
        window.play_line()


def save_screenshot(window, path: str) -> bool:
    """Under X11 with ImageMagick, grab the screen (VLC's video is only there); else Qt's own picture."""
    import shutil
    import subprocess

    from PySide6.QtGui import QGuiApplication

    g = window.frameGeometry()
    if QGuiApplication.platformName() == "xcb" and shutil.which("import"):
        res = subprocess.run(["import", "-window", "root", "-crop", f"{g.width()}x{g.height()}+{g.x()}+{g.y()}",
                              "+repage", path], capture_output=True, text=True)
        if res.returncode == 0:
            return True
        log.warning("screen grab failed (%s); using Qt's picture of the window", res.stderr.strip())
    return window.grab().save(path)
