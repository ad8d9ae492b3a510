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
    ap.add_argument("--screenshot", metavar="PNG", help="save a picture of the window after start-up, then quit")
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
            window.grab().save(args.screenshot)
            window.close()
        QTimer.singleShot(int(1000 * (args.quit_after or 2.0)), shoot)
    elif args.quit_after:
        QTimer.singleShot(int(1000 * args.quit_after), window.close)
    return app.exec()
