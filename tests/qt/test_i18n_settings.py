"""Translations (a sample string in each language, and no string left untranslated), settings persisted in an
isolated QSettings, recent files, the rotating log file. (Finding subtitles and seasons: tests/core/test_workspace.py.)"""

from __future__ import annotations

import logging
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from svsg_desktop.qt.i18n import install_language, pick_language, tr, translations_dir

TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.mark.parametrize("code, groups, undo", [("zh_CN", "分组", "撤销(&U)"), ("ja_JP", "グループ", "元に戻す(&U)")])
def test_sample_strings_are_translated(qapp, code, groups, undo):
    try:
        assert install_language(code)
        assert tr("Groups") == groups
        assert tr("&Undo") == undo
        assert tr("%1 lines, %2 grouped, %3 groups") != "%1 lines, %2 grouped, %3 groups"
    finally:
        install_language("en")
    assert tr("Groups") == "Groups"


def test_window_menus_follow_the_language(qtbot, monkeypatch, tmp_path):
    from svsg_desktop.qt.main_window import MainWindow
    from svsg_desktop.qt.video import NullBackend

    install_language("ja_JP")
    try:
        w = MainWindow(backend=NullBackend("tests"))
        qtbot.addWidget(w)
        titles = [a.text() for a in w.menuBar().actions()]
        assert "ファイル(&F)" in titles and w.tabs.tabText(0) == "グループ"
        w.close()
    finally:
        install_language("en")


def test_every_ui_string_has_both_translations(tmp_path, repo_root):
    """Run lupdate on the current sources: each string must be in the committed catalogues, translated."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (repo_root / "svsg_desktop" / "qt").glob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {m.find("source").text for m in ET.parse(fresh).getroot().iter("message")}
    assert len(wanted) > 100
    for code in ("zh_CN", "ja_JP"):
        have = {m.find("source").text: m.find("translation") for m in
                ET.parse(TS_DIR / f"svsg_{code}.ts").getroot().iter("message")}
        missing = sorted(s for s in wanted if s not in have or not (have[s].text or "").strip()
                         or have[s].get("type") == "unfinished")
        assert not missing, f"{code}: untranslated {missing[:5]} — run resources/translations/update.py"
        # the committed .qm is exactly what lrelease makes of the committed .ts (not a stale build)
        fresh_qm = tmp_path / f"{code}.qm"
        subprocess.run([str(lupdate.with_name("pyside6-lrelease")), str(TS_DIR / f"svsg_{code}.ts"), "-qm",
                        str(fresh_qm)], check=True, capture_output=True)
        assert fresh_qm.read_bytes() == (TS_DIR / f"svsg_{code}.qm").read_bytes(), \
            f"svsg_{code}.qm is stale — run resources/translations/update.py"


def test_pick_language_from_setting_and_locale():
    from PySide6.QtCore import QLocale

    assert pick_language("ja_JP") == "ja_JP"
    assert pick_language("", QLocale("zh_TW")) == "zh_CN"
    assert pick_language("", QLocale("ja_JP")) == "ja_JP"
    assert pick_language("", QLocale("fr_FR")) == "en"
    assert translations_dir().is_dir()


def test_settings_dialog_persists_in_an_isolated_store(qtbot, isolated_settings):
    from svsg_desktop.qt.settings import AppSettings, SettingsDialog

    s = AppSettings()
    assert s.device == "auto" and s.method == "auto" and s.review_below == 0.5 and not s.autoplay
    dlg = SettingsDialog(s)
    qtbot.addWidget(dlg)
    dlg.device.setCurrentIndex(dlg.device.findData("cpu"))
    dlg.method.setCurrentIndex(dlg.method.findData("voice"))
    dlg.review.setValue(0.7)
    dlg.autoplay.setChecked(True)
    assert not dlg.group_on_open.isChecked()        # the test store turns grouping on open off
    dlg.group_on_open.setChecked(True)
    dlg.language.setCurrentIndex(dlg.language.findData("zh_CN"))
    dlg.accept()
    again = AppSettings()
    assert again.group_on_open
    assert (again.device, again.method, again.review_below, again.autoplay, again.language) == \
        ("cpu", "voice", 0.7, True, "zh_CN")
    assert any(isolated_settings.rglob("*.ini")), "settings went to the per-test folder"
    with pytest.raises(ValueError):
        again.device = "tpu"


def test_recent_files_most_recent_first_and_bounded(qapp, tmp_path):
    from svsg_desktop.qt.settings import MAX_RECENT, AppSettings

    s = AppSettings()
    for k in range(MAX_RECENT + 3):
        s.add_recent(tmp_path / f"ep{k}.mp4")
    s.add_recent(tmp_path / "ep5.mp4")
    files = AppSettings().recent_files()
    assert len(files) == MAX_RECENT and files[0].endswith("ep5.mp4") and files.count(files[0]) == 1


def test_logging_goes_to_a_rotating_file(qapp, tmp_path, monkeypatch):
    from svsg_desktop.qt.logs import setup_logging

    monkeypatch.setenv("SVSG_LOG_DIR", str(tmp_path / "logs"))
    path = setup_logging()
    logging.getLogger("svsg_desktop.test").info("hello from the test")
    for h in logging.getLogger().handlers:
        h.flush()
    assert path == tmp_path / "logs" / "svsg-desktop.log"
    assert "hello from the test" in path.read_text(encoding="utf-8")
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_svsg", False)
                   and hasattr(h, "maxBytes"))
    assert handler.maxBytes > 0 and handler.backupCount >= 3
    logging.getLogger().removeHandler(handler)
    handler.close()


def test_app_icon_renders(qapp):
    from PySide6.QtGui import QIcon

    from svsg_desktop.qt.i18n import resources_dir

    pix = QIcon(str(resources_dir() / "icons" / "svsg.svg")).pixmap(64, 64)
    assert not pix.isNull() and pix.width() == 64
    img = pix.toImage()
    assert len({img.pixelColor(x, y).name() for x in range(0, 64, 4) for y in range(0, 64, 4)}) > 3


def test_app_starts_and_quits_from_the_command_line(tmp_path, repo_root):
    """``svsg-desktop VIDEO`` end to end in a subprocess (offscreen): opens, writes its project CSV, quits."""
    import os
    import shutil

    for name in ("demo.mp4", "demo.srt"):
        shutil.copy2(repo_root / "resources" / "demo" / name, tmp_path / name)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SVSG_LOG_DIR=str(tmp_path / "logs"),
               SVSG_DATA_DIR=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    res = subprocess.run([sys.executable, "-m", "svsg_desktop.app", str(tmp_path / "demo.mp4"), "--quit-after", "1"],
                         env=env, cwd=repo_root, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert (tmp_path / "demo.mp4.svsg.csv").is_file()
    log = (tmp_path / "logs" / "svsg-desktop.log").read_text(encoding="utf-8")
    assert "svsg-desktop starting" in log and "25 lines" in log
